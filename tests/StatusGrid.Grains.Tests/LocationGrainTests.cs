using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests;

public sealed class LocationGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task Evse_change_raises_location_last_updated()
    {
        var location = Client.GetGrain<ILocationGrain>(EvseKey.Location("LU-1"));
        Assert.Equal(LocationPutOutcome.Created, await location.Put(SampleLocations.Create("LU-1")));
        Assert.Equal(SampleLocations.Created, (await location.Get())!.Location.LastUpdated);

        await Client.GetGrain<IEvseGrain>(EvseKey.Evse("LU-1", "LU-1-E2")).ReportStatus(new StatusReport(EvseStatus.Charging, T0));

        var snapshot = (await location.Get())!;
        Assert.Equal(T0, snapshot.Location.LastUpdated);
        var evse = snapshot.Location.Evses!.Single(e => e.Uid == "LU-1-E2");
        Assert.Equal(EvseStatus.Charging, evse.Status);
        Assert.Equal(T0, evse.LastUpdated);
        Assert.Equal(SampleLocations.Created, snapshot.Location.Evses!.Single(e => e.Uid == "LU-1-E1").LastUpdated);
        Assert.Equal(T0, (await fixture.Cluster.Storage.GetAsync("LU-1"))!.LastUpdated);
    }

    [Fact]
    public async Task Same_document_twice_is_unchanged_and_changed_document_is_updated()
    {
        var location = Client.GetGrain<ILocationGrain>(EvseKey.Location("UP-1"));
        var document = SampleLocations.Create("UP-1");
        Assert.Equal(LocationPutOutcome.Created, await location.Put(document));
        Assert.Equal(LocationPutOutcome.Unchanged, await location.Put(document));
        Assert.Equal(LocationPutOutcome.Updated, await location.Put(document with { Name = "Renamed" }));
        Assert.Equal("Renamed", (await location.Get())!.Location.Name);
    }

    [Fact]
    public async Task Evse_left_out_of_a_new_document_stays_as_removed()
    {
        var location = Client.GetGrain<ILocationGrain>(EvseKey.Location("RM-1"));
        var document = SampleLocations.Create("RM-1", evses: 2);
        await location.Put(document);
        await location.Put(document with { Evses = [document.Evses![0]] });

        var evses = (await location.Get())!.Location.Evses!;
        Assert.Equal(2, evses.Count);
        Assert.Equal(EvseStatus.Removed, evses.Single(e => e.Uid == "RM-1-E2").Status);
        Assert.Equal(EvseStatus.Removed, (await fixture.Cluster.Storage.ReadAsync("RM-1", "RM-1-E2"))!.Status);
    }
}
