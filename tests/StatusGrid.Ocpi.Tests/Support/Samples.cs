using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Ocpi.Tests.Support;

/// <summary>Small valid model objects for tests to vary with <c>with</c>.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Updated = new(2019, 6, 24, 12, 39, 9, TimeSpan.Zero);

    public static Connector Connector(string id = "1") => new()
    {
        Id = id,
        Standard = ConnectorTypes.Iec62196T2,
        Format = ConnectorFormat.Socket,
        PowerType = PowerType.Ac3Phase,
        MaxVoltage = 230,
        MaxAmperage = 32,
        TariffIds = ["T1", "T2"],
        LastUpdated = Updated,
    };

    public static Evse Evse(string uid = "3256", params Connector[] connectors) => new()
    {
        Uid = uid,
        EvseId = "BE*BEC*E041503001",
        Status = EvseStatus.Available,
        Connectors = connectors.Length == 0 ? [Connector()] : connectors,
        LastUpdated = Updated,
    };

    public static Location Location(params Evse[] evses) => new()
    {
        CountryCode = "BE",
        PartyId = "BEC",
        Id = "LOC1",
        Publish = true,
        Address = "F.Rooseveltlaan 3A",
        City = "Gent",
        PostalCode = "9000",
        Country = "BEL",
        Coordinates = new GeoLocation { Latitude = "51.047599", Longitude = "3.729944" },
        ParkingType = ParkingTypes.OnStreet,
        Evses = evses.Length == 0 ? [Evse()] : evses,
        TimeZone = "Europe/Brussels",
        LastUpdated = Updated,
    };
}
