namespace StatusGrid.Ocpi.Locations.Shaping;

/// <summary>
/// Produces a copy of the model that only uses fields and enum values of an older version (2.2.1 or 2.1.1).
/// Field renames for 2.1.1 happen later, on the JSON (<see cref="V211Json"/>).
/// </summary>
internal static class ModelDowngrade
{
    public static Location Location(Location location, OcpiVersion target) => location with
    {
        PublishAllowedTo = location.PublishAllowedTo?.Select(t => Token(t, target)).ToList(),
        ParkingType = location.ParkingType is { } parking ? EnumDowngrade.Map(parking, ParkingTypes.Known(OcpiVersion.V221)) : null,
        Evses = location.Evses?.Select(e => Evse(e, target)).Where(e => e.Connectors.Count > 0).ToList(),
        Operator = Business(location.Operator, target),
        Suboperator = Business(location.Suboperator, target),
        Owner = Business(location.Owner, target),
        Facilities = EnumDowngrade.List(location.Facilities, f => EnumDowngrade.Map(f, Facilities.Known(target))),
        Images = Images(location.Images, target),
        EnergyMix = location.EnergyMix is { } mix ? EnergyMix(mix, target) : null,
        ParkingPlaces = null,
        HelpPhone = null,
    };

    /// <summary>The EVSE without unrepresentable connectors (its list may end up empty).</summary>
    public static Evse Evse(Evse evse, OcpiVersion target) => evse with
    {
        Capabilities = EnumDowngrade.List(evse.Capabilities, c => EnumDowngrade.Map(c, Capabilities.Known(target))),
        Connectors = evse.Connectors.Select(c => Connector(c, target)).OfType<Connector>().ToList(),
        ParkingRestrictions = EnumDowngrade.List(evse.ParkingRestrictions, r => EnumDowngrade.ParkingRestriction(r, target)),
        Images = Images(evse.Images, target),
        Parking = null,
        AcceptedServiceProviders = null,
    };

    /// <summary>Null when the connector type has no counterpart in the target version.</summary>
    public static Connector? Connector(Connector connector, OcpiVersion target)
    {
        if (EnumDowngrade.ConnectorType(connector.Standard, target) is not { } standard)
        {
            return null;
        }

        // 2.1.1 knows only single- and three-phase AC; two-phase and split-phase supplies feed a single-phase charger.
        var power = target == OcpiVersion.V211 && connector.PowerType is PowerType.Ac2Phase or PowerType.Ac2PhaseSplit
            ? PowerType.Ac1Phase
            : connector.PowerType;
        return connector with { Standard = standard, PowerType = power, Capabilities = null };
    }

    private static PublishTokenType Token(PublishTokenType token, OcpiVersion target) =>
        token.Type is { } type && !TokenTypes.Known(target).Contains(type) ? token with { Type = TokenTypes.Other } : token;

    private static BusinessDetails? Business(BusinessDetails? details, OcpiVersion target) =>
        details?.Logo is { } logo ? details with { Logo = Image(logo, target) } : details;

    private static List<Image>? Images(IReadOnlyList<Image>? images, OcpiVersion target) =>
        images?.Select(i => Image(i, target)).ToList();

    private static Image Image(Image image, OcpiVersion target) =>
        ImageCategories.Known(target).Contains(image.Category) ? image : image with { Category = ImageCategories.Other };

    private static EnergyMix EnergyMix(EnergyMix mix, OcpiVersion target) => mix with
    {
        EnvironImpact = mix.EnvironImpact?.Where(i => EnvironmentalImpactCategories.Known(target).Contains(i.Category)).ToList(),
    };
}
