using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests;

/// <summary>The OCPI parent rule on stored documents: a Connector change bumps its EVSE and Location.</summary>
public sealed class LocationLastUpdatedTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly DateTimeOffset T1 = SampleLocations.Created.AddHours(1);
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task Connector_change_with_its_own_stamp_raises_evse_and_location()
    {
        var grain = Client.GetGrain<ILocationGrain>(EvseKey.Location("LUR-1"));
        var document = SampleLocations.Create("LUR-1");
        await grain.Put(document);

        // The CPO bumps only the connector's last_updated.
        var evse = document.Evses![1];
        var changed = evse with { Connectors = [evse.Connectors[0] with { TariffIds = ["T1"], LastUpdated = T1 }] };
        Assert.Equal(LocationPutOutcome.Updated, await grain.Put(document with { Evses = [document.Evses[0], changed] }));

        var snapshot = (await grain.Get())!.Location;
        Assert.Equal(T1, snapshot.LastUpdated);
        Assert.Equal(T1, snapshot.Evses![1].LastUpdated);
        Assert.Equal(T1, snapshot.Evses[1].Connectors[0].LastUpdated);
        Assert.Equal(SampleLocations.Created, snapshot.Evses[0].LastUpdated);
        Assert.Equal(T1, (await fixture.Cluster.Storage.GetAsync("LUR-1"))!.LastUpdated);
    }

    [Fact]
    public async Task Change_without_a_newer_stamp_is_stamped_now_and_a_resent_document_changes_nothing()
    {
        var grain = Client.GetGrain<ILocationGrain>(EvseKey.Location("LUR-2"));
        var document = SampleLocations.Create("LUR-2");
        await grain.Put(document);

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var evse = document.Evses![0];
        var changed = document with { Evses = [evse with { Connectors = [evse.Connectors[0] with { MaxAmperage = 16 }] }, document.Evses[1]] };
        Assert.Equal(LocationPutOutcome.Updated, await grain.Put(changed));

        var snapshot = (await grain.Get())!.Location;
        var stamp = snapshot.Evses![0].Connectors[0].LastUpdated;
        Assert.True(stamp > before, $"connector stamped {stamp}");
        Assert.Equal(stamp, snapshot.Evses[0].LastUpdated);
        Assert.Equal(stamp, snapshot.LastUpdated);

        // The same (unstamped) document again: nothing goes back to the older timestamps.
        Assert.Equal(LocationPutOutcome.Unchanged, await grain.Put(changed));
        Assert.Equal(stamp, (await grain.Get())!.Location.LastUpdated);
    }

    [Fact]
    public async Task Evse_rename_does_not_reassert_a_stale_document_status()
    {
        var grain = Client.GetGrain<ILocationGrain>(EvseKey.Location("LUR-3"));
        var document = SampleLocations.Create("LUR-3");
        await grain.Put(document);
        await Client.GetGrain<IEvseGrain>(EvseKey.Evse("LUR-3", "LUR-3-E1")).ReportStatus(new StatusReport(EvseStatus.Charging, T1));

        // Document still says AVAILABLE (as first sent) but renames the EVSE's physical reference.
        await grain.Put(document with { Evses = [document.Evses![0] with { PhysicalReference = "P1" }, document.Evses[1]] });

        var evse = (await grain.Get())!.Location.Evses![0];
        Assert.Equal(EvseStatus.Charging, evse.Status);
        Assert.Equal("P1", evse.PhysicalReference);
        Assert.True(evse.LastUpdated > T1);
    }

    [Fact]
    public async Task Removed_evse_stays_visible_as_removed_with_a_raised_stamp()
    {
        var grain = Client.GetGrain<ILocationGrain>(EvseKey.Location("LUR-4"));
        var document = SampleLocations.Create("LUR-4");
        await grain.Put(document);
        var removed = document.Evses![1] with { Status = EvseStatus.Removed, LastUpdated = T1 };
        await grain.Put(document with { Evses = [document.Evses[0], removed], LastUpdated = T1 });

        var snapshot = (await grain.Get())!.Location;
        Assert.Equal(EvseStatus.Removed, snapshot.Evses![1].Status);
        Assert.Equal(T1, snapshot.LastUpdated);
        Assert.Equal(EvseStatus.Removed, (await fixture.Cluster.Storage.ReadAsync("LUR-4", "LUR-4-E2"))!.Status);
    }
}
