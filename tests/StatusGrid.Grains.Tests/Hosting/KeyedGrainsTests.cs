using Microsoft.Extensions.DependencyInjection;
using Orleans.GrainReferences;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Grains.Hosting;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests.Hosting;

public sealed class KeyedGrainsTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task Keyed_references_are_the_ones_the_grain_factory_gives_and_reach_the_same_grains()
    {
        await Client.GetGrain<ILocationGrain>(EvseKey.Location("KEYED-1")).Put(SampleLocations.Create("KEYED-1", evses: 3));
        var keyed = new KeyedGrains<IEvseGrain>(Client, Client.ServiceProvider.GetRequiredService<GrainReferenceActivator>());

        for (var i = 1; i <= 3; i++)
        {
            // The first reference comes from the factory, the later ones from the activator: all must be the same.
            var key = EvseKey.Evse("KEYED-1", $"KEYED-1-E{i}");
            var reference = keyed.Get(key);
            var expected = Client.GetGrain<IEvseGrain>(key);
            Assert.Equal(expected, reference);
            Assert.Equal(expected.GetGrainId(), reference.GetGrainId());
            Assert.Equal(((GrainReference)expected).InterfaceType, ((GrainReference)(object)reference).InterfaceType);

            Assert.Equal(StatusReportOutcome.Applied, await reference.ReportStatus(new StatusReport(EvseStatus.Charging, T0.AddMinutes(i))));
            var snapshot = await expected.GetSnapshot();
            Assert.Equal(EvseStatus.Charging, snapshot!.Status);
            Assert.Equal(T0.AddMinutes(i), snapshot.LastUpdated);
        }
    }
}
