using System.Text.Json;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Tests.Support;

namespace StatusGrid.Ocpi.Tests;

public class ModelSmokeTests
{
    [Fact]
    public void Location_example_deserializes_and_round_trips_to_equal_object()
    {
        var location = JsonSerializer.Deserialize<Location>(Examples.Read("2.2.1", "location_example.json"), OcpiJson.Options)!;

        Assert.Equal("LOC1", location.Id);
        Assert.Equal(2, location.Evses!.Count);
        Assert.Equal(PowerType.Ac3Phase, location.Evses[0].Connectors[0].PowerType);
        Assert.Equal(EvseStatus.Reserved, location.Evses[1].Status);
        Assert.Equal(new DateTimeOffset(2015, 6, 29, 20, 39, 9, TimeSpan.Zero), location.LastUpdated);

        var json = JsonSerializer.SerializeToUtf8Bytes(location, OcpiJson.Options);
        var again = JsonSerializer.Deserialize<Location>(json, OcpiJson.Options);
        Assert.Equal(location, again);
    }
}
