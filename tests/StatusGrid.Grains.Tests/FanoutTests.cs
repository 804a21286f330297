using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Grains.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using StatusGrid.Grains.Fanout;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests;

public sealed class FanoutTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const int Count = 24;
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Change_made_on_one_silo_reaches_the_dashboard_sink_of_every_silo()
    {
        var cluster = fixture.Cluster;
        Assert.Equal(2, cluster.Cluster.Silos.Count);

        // A silo's fan-out learns of the other silos' observers a moment after start-up; dashboards are live feeds
        // (a client starts from a snapshot), so the guarantee under test holds once both fan-outs see both silos.
        await Eventually.True(
            () => cluster.Cluster.Silos.All(s => cluster.Cluster.GetSiloServiceProvider(s.SiloAddress).GetRequiredService<StatusFanout>().ObserverCount == 2),
            "every silo's fan-out to know both observers");
        await cluster.Client.GetGrain<ILocationGrain>(EvseKey.Location("FAN-1")).Put(SampleLocations.Create("FAN-1", evses: Count));

        for (var n = 1; n <= Count; n++)
        {
            await cluster.Client.GetGrain<IEvseGrain>(EvseKey.Evse("FAN-1", $"FAN-1-E{n}")).ReportStatus(new StatusReport(EvseStatus.Charging, T0));
        }

        // The EVSE grains that made the changes live on both silos, so changes crossed from each silo to the other.
        var placed = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        Assert.Equal(2, placed.Where(p => p.GrainId.Key.ToString()!.StartsWith("FAN-1*", StringComparison.Ordinal)).Select(p => p.SiloAddress).Distinct().Count());

        foreach (var silo in cluster.Cluster.Silos)
        {
            var sink = cluster.Sinks[silo.Name];
            await Eventually.True(
                () => sink.Received.Count(c => c.LocationId == "FAN-1" && c.Status == EvseStatus.Charging) == Count,
                $"{Count} FAN-1 changes on silo {silo.Name}");
            Assert.All(sink.Received.Where(c => c.LocationId == "FAN-1" && c.Status == EvseStatus.Charging), c => Assert.Equal(T0, c.LastUpdated));
        }
    }
}
