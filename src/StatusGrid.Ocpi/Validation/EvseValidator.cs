using System.Text.RegularExpressions;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Ocpi.Validation;

/// <summary>Checks an OCPI EVSE, alone (PUT of an EVSE) or inside its Location.</summary>
public static partial class EvseValidator
{
    public static IReadOnlyList<OcpiValidationError> Validate(Evse evse, OcpiVersion version)
    {
        var ctx = new ValidationContext(version);
        Validate(ctx, string.Empty, evse);
        return ctx.Errors;
    }

    internal static void Validate(ValidationContext ctx, string path, Evse evse)
    {
        FieldRules.RequiredCiString(ctx, JsonPaths.Field(path, "uid"), evse.Uid, ctx.Version == OcpiVersion.V211 ? 39 : 36);
        EvseId(ctx, JsonPaths.Field(path, "evse_id"), evse.EvseId);
        FieldRules.Defined(ctx, JsonPaths.Field(path, "status"), evse.Status);
        ListRules.Each(ctx, JsonPaths.Field(path, "status_schedule"), evse.StatusSchedule, Schedule);
        FieldRules.EnumList(ctx, JsonPaths.Field(path, "capabilities"), evse.Capabilities, Capabilities.Known(ctx.Version), Capabilities.IsOpenIn230);

        var connectorsPath = JsonPaths.Field(path, "connectors");
        if (ListRules.NotEmpty(ctx, connectorsPath, evse.Connectors))
        {
            ListRules.Each(ctx, connectorsPath, evse.Connectors, ConnectorValidator.Validate);
            ListRules.UniqueKeys(ctx, connectorsPath, evse.Connectors, static c => c.Id, "id");
            NotOlderThanChildren(ctx, path, evse);
        }

        FieldRules.OptionalString(ctx, JsonPaths.Field(path, "floor_level"), evse.FloorLevel, 4);
        GeoLocationRules.Validate(ctx, JsonPaths.Field(path, "coordinates"), evse.Coordinates, required: false);
        FieldRules.OptionalString(ctx, JsonPaths.Field(path, "physical_reference"), evse.PhysicalReference, 16);
        DisplayTextRules.ValidateList(ctx, JsonPaths.Field(path, "directions"), evse.Directions);
        FieldRules.EnumList(ctx, JsonPaths.Field(path, "parking_restrictions"), evse.ParkingRestrictions,
            ParkingRestrictions.Known(ctx.Version), ParkingRestrictions.IsOpenIn230);
        ImageRules.ValidateList(ctx, JsonPaths.Field(path, "images"), evse.Images);
        // 2.3.0-only fields: checked by 2.3.0's rules whenever present, since 2.3.0 partners receive them verbatim.
        var v230 = ctx.For230Fields();
        ListRules.Each(v230, JsonPaths.Field(path, "parking"), evse.Parking, ParkingRules.EvseLink);
        ListRules.Each(v230, JsonPaths.Field(path, "accepted_service_providers"), evse.AcceptedServiceProviders,
            static (c, p, name) => FieldRules.RequiredString(c, p, name, 50));

        FieldRules.Timestamp(ctx, JsonPaths.Field(path, "last_updated"), evse.LastUpdated);
    }

    private static void EvseId(ValidationContext ctx, string path, string? evseId)
    {
        if (FieldRules.OptionalCiString(ctx, path, evseId, 48) && evseId is not null && !Emi3EvseId().IsMatch(evseId))
        {
            ctx.Add(path, $"'evse_id' '{evseId}' is not an eMI3 EVSE ID like BE*BEC*E041503001");
        }
    }

    private static void Schedule(ValidationContext ctx, string path, StatusSchedule schedule)
    {
        FieldRules.Timestamp(ctx, JsonPaths.Field(path, "period_begin"), schedule.PeriodBegin);
        if (schedule.PeriodEnd is { } end && end <= schedule.PeriodBegin)
        {
            ctx.Add(JsonPaths.Field(path, "period_end"), "'period_end' must be later than 'period_begin'");
        }

        FieldRules.Defined(ctx, JsonPaths.Field(path, "status"), schedule.Status);
    }

    // The spec's MUST: an EVSE's last_updated covers changes to any of its Connectors.
    private static void NotOlderThanChildren(ValidationContext ctx, string path, Evse evse)
    {
        for (var i = 0; i < evse.Connectors.Count; i++)
        {
            if (evse.Connectors[i] is { } connector && connector.LastUpdated > evse.LastUpdated)
            {
                ctx.Add(JsonPaths.Field(path, "last_updated"),
                    $"'last_updated' ({OcpiDateTime.Format(evse.LastUpdated)}) is older than connectors[{i}].last_updated ({OcpiDateTime.Format(connector.LastUpdated)})");
            }
        }
    }

    // eMI3: country code, optional '*', 3-character operator id, optional '*', 'E', then the outlet id.
    [GeneratedRegex(@"^[A-Za-z]{2}\*?[A-Za-z0-9]{3}\*?[Ee][A-Za-z0-9\*]{1,30}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Emi3EvseId();
}
