using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Ocpi.Validation;

/// <summary>
/// Checks a Location (with its EVSEs and Connectors) against the rules of one OCPI version: required fields,
/// lengths, enum values, coordinate patterns, nested objects and last_updated consistency.
/// </summary>
/// <remarks>
/// The model is 2.2.1-shaped. For 2.1.1 the same fields are checked against the 2.1.1 rules (enum lists,
/// 6-decimal coordinates, postal_code required, lengths); fields 2.1.1 lacks (country_code, publish, ...)
/// are still checked because the CPO needs them. Fields that exist only in 2.3.0 are checked by the 2.3.0 rules
/// whatever the version the input is read as: <see cref="LocationShapes"/> leaves them out for older partners but
/// sends them as they are to 2.3.0 partners, so input read as 2.2.1 (the admin default) must not carry bad ones.
/// </remarks>
public static class LocationValidator
{
    public static IReadOnlyList<OcpiValidationError> Validate(Location location, OcpiVersion version)
    {
        var ctx = new ValidationContext(version);
        Validate(ctx, string.Empty, location);
        return ctx.Errors;
    }

    internal static void Validate(ValidationContext ctx, string path, Location location)
    {
        var v211 = ctx.Version == OcpiVersion.V211;
        PartyRules.CountryCode(ctx, JsonPaths.Field(path, "country_code"), location.CountryCode);
        PartyRules.PartyId(ctx, JsonPaths.Field(path, "party_id"), location.PartyId);
        FieldRules.RequiredCiString(ctx, JsonPaths.Field(path, "id"), location.Id, v211 ? 39 : 36);
        PublishAllowedTo(ctx, path, location);
        FieldRules.OptionalString(ctx, JsonPaths.Field(path, "name"), location.Name, 255);
        FieldRules.RequiredString(ctx, JsonPaths.Field(path, "address"), location.Address, v211 ? 45 : 255);
        FieldRules.RequiredString(ctx, JsonPaths.Field(path, "city"), location.City, 45);
        if (v211)
        {
            FieldRules.RequiredString(ctx, JsonPaths.Field(path, "postal_code"), location.PostalCode, 10);
        }
        else
        {
            FieldRules.OptionalString(ctx, JsonPaths.Field(path, "postal_code"), location.PostalCode, 10);
        }

        FieldRules.OptionalString(ctx, JsonPaths.Field(path, "state"), location.State, 45);
        PartyRules.Country(ctx, JsonPaths.Field(path, "country"), location.Country);
        GeoLocationRules.Validate(ctx, JsonPaths.Field(path, "coordinates"), location.Coordinates, required: true);
        ListRules.Each(ctx, JsonPaths.Field(path, "related_locations"), location.RelatedLocations, RelatedLocation);
        FieldRules.Enum(ctx, JsonPaths.Field(path, "parking_type"), location.ParkingType,
            ParkingTypes.Known(v211 ? OcpiVersion.V221 : ctx.Version), ParkingTypes.IsOpenIn230, required: false);
        Evses(ctx, path, location);
        DisplayTextRules.ValidateList(ctx, JsonPaths.Field(path, "directions"), location.Directions);
        BusinessDetails(ctx, JsonPaths.Field(path, "operator"), location.Operator);
        BusinessDetails(ctx, JsonPaths.Field(path, "suboperator"), location.Suboperator);
        BusinessDetails(ctx, JsonPaths.Field(path, "owner"), location.Owner);
        FieldRules.EnumList(ctx, JsonPaths.Field(path, "facilities"), location.Facilities, Facilities.Known(ctx.Version), Facilities.IsOpenIn230);
        if (v211)
        {
            FieldRules.OptionalString(ctx, JsonPaths.Field(path, "time_zone"), location.TimeZone, 255);
        }
        else
        {
            FieldRules.RequiredString(ctx, JsonPaths.Field(path, "time_zone"), location.TimeZone, 255);
        }

        if (location.OpeningTimes is not null)
        {
            HoursValidator.Validate(ctx, JsonPaths.Field(path, "opening_times"), location.OpeningTimes);
        }

        ImageRules.ValidateList(ctx, JsonPaths.Field(path, "images"), location.Images);
        if (location.EnergyMix is not null)
        {
            EnergyMixValidator.Validate(ctx, JsonPaths.Field(path, "energy_mix"), location.EnergyMix);
        }

        // 2.3.0-only fields: checked by 2.3.0's rules whenever present, since 2.3.0 partners receive them verbatim.
        var v230 = ctx.For230Fields();
        Parking(v230, path, location);
        FieldRules.OptionalCiString(v230, JsonPaths.Field(path, "help_phone"), location.HelpPhone, 25);

        FieldRules.Timestamp(ctx, JsonPaths.Field(path, "last_updated"), location.LastUpdated);
    }

    private static void PublishAllowedTo(ValidationContext ctx, string path, Location location)
    {
        var listPath = JsonPaths.Field(path, "publish_allowed_to");
        if (location.Publish && location.PublishAllowedTo is { Count: > 0 })
        {
            ctx.Add(listPath, "'publish_allowed_to' may only be used when 'publish' is false");
        }

        ListRules.Each(ctx, listPath, location.PublishAllowedTo, PublishTokenRules.Validate);
    }

    private static void RelatedLocation(ValidationContext ctx, string path, AdditionalGeoLocation related)
    {
        GeoLocationRules.Coordinates(ctx, path, related.Latitude, related.Longitude);
        if (related.Name is not null)
        {
            DisplayTextRules.Validate(ctx, JsonPaths.Field(path, "name"), related.Name);
        }
    }

    private static void Evses(ValidationContext ctx, string path, Location location)
    {
        var evsesPath = JsonPaths.Field(path, "evses");
        ListRules.Each(ctx, evsesPath, location.Evses, EvseValidator.Validate);
        ListRules.UniqueKeys(ctx, evsesPath, location.Evses, static e => e.Uid, "uid");
        if (location.Evses is null)
        {
            return;
        }

        // The spec's MUST: a Location's last_updated covers changes to any of its EVSEs and Connectors.
        for (var i = 0; i < location.Evses.Count; i++)
        {
            if (location.Evses[i] is { } evse && evse.LastUpdated > location.LastUpdated)
            {
                ctx.Add(JsonPaths.Field(path, "last_updated"),
                    $"'last_updated' ({OcpiDateTime.Format(location.LastUpdated)}) is older than evses[{i}].last_updated ({OcpiDateTime.Format(evse.LastUpdated)})");
            }
        }
    }

    private static void BusinessDetails(ValidationContext ctx, string path, BusinessDetails? details)
    {
        if (details is not null)
        {
            ImageRules.BusinessDetails(ctx, path, details);
        }
    }

    private static void Parking(ValidationContext ctx, string path, Location location)
    {
        var placesPath = JsonPaths.Field(path, "parking_places");
        ListRules.Each(ctx, placesPath, location.ParkingPlaces, ParkingRules.Place);
        ListRules.UniqueKeys(ctx, placesPath, location.ParkingPlaces, static p => p.Id, "id");
        if (location.Evses is null)
        {
            return;
        }

        // EVSE.parking refers to parking places of the same Location.
        var evsesPath = JsonPaths.Field(path, "evses");
        var ids = new HashSet<string>(location.ParkingPlaces?.Where(p => p?.Id is not null).Select(p => p.Id) ?? [], StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < location.Evses.Count; i++)
        {
            var links = location.Evses[i]?.Parking;
            for (var j = 0; links is not null && j < links.Count; j++)
            {
                if (links[j]?.ParkingId is { } id && !ids.Contains(id))
                {
                    ctx.Add($"{JsonPaths.Item(evsesPath, i)}.parking[{j}].parking_id", $"'parking_id' '{id}' matches no entry of parking_places");
                }
            }
        }
    }
}
