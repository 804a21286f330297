using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests.Fakes;

public static class SampleLocations
{
    public static readonly DateTimeOffset Created = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public static Location Create(string id, int evses = 2, bool publish = true, string countryCode = "NL", string partyId = "SGR") => new()
    {
        CountryCode = countryCode,
        PartyId = partyId,
        Id = id,
        Publish = publish,
        Name = "Test " + id,
        Address = "Stationsplein 1",
        City = "Utrecht",
        Country = "NLD",
        Coordinates = new GeoLocation { Latitude = "52.090700", Longitude = "5.121400" },
        TimeZone = "Europe/Amsterdam",
        Evses = [.. Enumerable.Range(1, evses).Select(n => Evse($"{id}-E{n}"))],
        LastUpdated = Created,
    };

    public static Evse Evse(string uid, EvseStatus status = EvseStatus.Available) => new()
    {
        Uid = uid,
        EvseId = "NL*SGR*E" + uid.Replace("-", "", StringComparison.Ordinal),
        Status = status,
        Connectors =
        [
            new Connector
            {
                Id = "1",
                Standard = "IEC_62196_T2",
                Format = ConnectorFormat.Socket,
                PowerType = PowerType.Ac3Phase,
                MaxVoltage = 400,
                MaxAmperage = 32,
                LastUpdated = Created,
            },
        ],
        LastUpdated = Created,
    };
}
