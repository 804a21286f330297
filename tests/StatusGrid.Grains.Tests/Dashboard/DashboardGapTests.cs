using StatusGrid.Contracts.Dashboard;

namespace StatusGrid.Grains.Tests.Dashboard;

/// <summary>
/// A host whose observer was out of the dashboard registry (stalled past its expiry, or the registry's silo died and
/// it came back empty) got nothing from the other silos' fan-outs meanwhile: its browsers hold stale statuses and
/// miss Location edits. When its next registration finds the registry without it, its sinks are told to resync.
/// </summary>
public sealed class DashboardGapTests
{
    [Fact]
    public async Task A_host_whose_observer_the_registry_lost_tells_its_sinks_to_resync_and_the_others_do_not()
    {
        await using var cluster = await GrainTestCluster.StartAsync(silos: 2);
        var registry = cluster.Client.GetGrain<IDashboardRegistryGrain>(0);
        await Eventually.True(async () => (await registry.GetObservers()).Length == 2, "both silos registered");
        var (dropped, kept) = (cluster.Cluster.Silos[0], cluster.Cluster.Silos[1]);
        Assert.Equal(0, cluster.Sinks[dropped.Name].Resyncs); // a first registration is no gap

        await registry.Unregister(dropped.SiloAddress.ToParsableString());

        await Eventually.True(() => cluster.Sinks[dropped.Name].Resyncs == 1, "the dropped silo's sink to be told to resync", TimeSpan.FromSeconds(20));
        Assert.Equal(0, cluster.Sinks[kept.Name].Resyncs);
    }
}
