using StatusGrid.Ocpi.Json;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Ocpi.Validation;

/// <summary>Checks an OCPI Connector, alone (PUT of a Connector) or inside its EVSE.</summary>
public static class ConnectorValidator
{
    public static IReadOnlyList<OcpiValidationError> Validate(Connector connector, OcpiVersion version)
    {
        var ctx = new ValidationContext(version);
        Validate(ctx, string.Empty, connector);
        return ctx.Errors;
    }

    internal static void Validate(ValidationContext ctx, string path, Connector connector)
    {
        FieldRules.RequiredCiString(ctx, JsonPaths.Field(path, "id"), connector.Id, 36);
        FieldRules.Enum(ctx, JsonPaths.Field(path, "standard"), connector.Standard, ConnectorTypes.Known(ctx.Version), ConnectorTypes.IsOpenIn230);
        FieldRules.Defined(ctx, JsonPaths.Field(path, "format"), connector.Format);
        PowerType(ctx, JsonPaths.Field(path, "power_type"), connector.PowerType);
        FieldRules.Positive(ctx, JsonPaths.Field(path, "max_voltage"), connector.MaxVoltage);
        FieldRules.Positive(ctx, JsonPaths.Field(path, "max_amperage"), connector.MaxAmperage);
        if (connector.MaxElectricPower is { } power)
        {
            FieldRules.Positive(ctx, JsonPaths.Field(path, "max_electric_power"), power);
        }

        ListRules.Each(ctx, JsonPaths.Field(path, "tariff_ids"), connector.TariffIds,
            static (c, p, id) => FieldRules.RequiredCiString(c, p, id, 36));
        FieldRules.OptionalUrl(ctx, JsonPaths.Field(path, "terms_and_conditions"), connector.TermsAndConditions);
        // A 2.3.0-only field: checked by 2.3.0's rules whenever present, since 2.3.0 partners receive it verbatim.
        FieldRules.EnumList(ctx.For230Fields(), JsonPaths.Field(path, "capabilities"), connector.Capabilities,
            ConnectorCapabilities.Known(OcpiVersion.V230), ConnectorCapabilities.IsOpenIn230);

        FieldRules.Timestamp(ctx, JsonPaths.Field(path, "last_updated"), connector.LastUpdated);
    }

    private static void PowerType(ValidationContext ctx, string path, PowerType value)
    {
        FieldRules.Defined(ctx, path, value);
        if (ctx.Version == OcpiVersion.V211 && value is Locations.PowerType.Ac2Phase or Locations.PowerType.Ac2PhaseSplit)
        {
            ctx.Add(path, $"'power_type' {OcpiEnumNames.Of(value)} does not exist in OCPI 2.1.1 (only AC_1_PHASE, AC_3_PHASE, DC)");
        }
    }
}
