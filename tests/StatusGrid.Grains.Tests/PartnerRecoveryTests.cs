using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Tests;

/// <summary>
/// A change committed by a silo that dies before handing it to the partner exists only in the database. The
/// surviving silos must deliver it when the death is noticed, not at the next periodic reconcile (set to ten
/// minutes here, so only the recovery can explain a delivery within the test's bound).
/// </summary>
public sealed class PartnerRecoveryTests
{
    [Fact]
    public async Task Silo_death_makes_partners_reconcile_changes_that_were_committed_but_never_handed_over()
    {
        await using var cluster = await GrainTestCluster.StartAsync(silos: 3, new Dictionary<string, string?>
        {
            ["StatusGrid:Push:ReconcileInterval"] = "00:10:00",
        }, killsSilos: true);
        var config = new PartnerConfig
        {
            Id = "RECOVER",
            OcpiVersion = OcpiVersion.V221,
            LocationsUrl = "http://recover.test/ocpi/emsp/2.2.1/locations",
            Token = "token-recover",
            CountryCode = "DE",
            PartyId = "EMS",
            Filter = new PartnerFilter { LocationIds = ["REC-1"] },
        };
        await cluster.Client.GetGrain<IPartnerGrain>(config.Id).Configure(config);
        await cluster.Client.GetGrain<ILocationGrain>(EvseKey.Location("REC-1")).Put(SampleLocations.Create("REC-1"));
        await Eventually.True(() => Delivered(cluster, "REC-1-E1") >= 1, "the Location PUT to be recorded as delivered");

        // Committed, as the dead silo's EVSE grain would have done, but never fanned out.
        var held = await cluster.Storage.ReadAsync("REC-1", "REC-1-E1");
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await cluster.Storage.WriteAsync(new EvseStatusRecord("REC-1", "REC-1-E1", EvseStatus.OutOfOrder, at, held!.Version + 1));

        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos[^1]);

        var patch = await Eventually.Get(
            () => cluster.Partners.Requests.FirstOrDefault(r => r.Method == HttpMethod.Patch && r.Url.Host == "recover.test"),
            "the recovered PATCH", TimeSpan.FromSeconds(20));
        Assert.EndsWith("/NL/SGR/REC-1/REC-1-E1", patch.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("""{"status":"OUTOFORDER","last_updated":"2026-03-01T12:00:00Z"}""", patch.Body);
    }

    private static long Delivered(GrainTestCluster cluster, string evseUid) =>
        cluster.Storage.DeliveredVersion("RECOVER", "REC-1", evseUid);
}
