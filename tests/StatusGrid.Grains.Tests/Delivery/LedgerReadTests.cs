using StatusGrid.Contracts.Evses;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Tests.Fakes;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>
/// A partner grain reads its backlog from the store (reconcile: up to 100,000 undelivered EVSEs every minute; a new
/// activation's checks of what was delivered). SQLite's reads are synchronous, so such a read run on the grain's turn
/// held the partner for as long as it took: no answer processed, no push sent, no admin read answered. Seen at the map's
/// full load test: windows of 5 s in which no partner got a PATCH, with a long reconcile turn in the log.
/// </summary>
public sealed class LedgerReadTests
{
    [Fact]
    public async Task A_slow_backlog_read_does_not_hold_the_partners_pushes_or_its_health()
    {
        await using var cluster = await GrainTestCluster.StartAsync(silos: 1);
        var kit = new PartnerTestKit(cluster);
        await kit.PutLocationAsync("LR-1", 1);
        const string Host = "slow-ledger.test";
        var partnerId = await kit.AddPartnerAsync(Host, "LR-1");
        var partner = cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await Eventually.True(() => kit.RequestsTo(Host).Any(r => r.Method == HttpMethod.Put), "the location's PUT");

        using var read = new BlockingRead();
        cluster.Storage.BlockingUndeliveredReads[partnerId] = read;
        var reconcile = partner.Reconcile();
        await read.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The read is still running: the partner answers, and a new change still reaches it.
        var health = await partner.GetHealth().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(partnerId, health.PartnerId);
        await kit.ReportAsync("LR-1", 1, EvseStatus.Charging, PartnerTestKit.T0.AddMinutes(1)).WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually.True(() => kit.PatchesTo(Host).Any(p => p.Body.Contains("CHARGING", StringComparison.Ordinal)),
            "the PATCH sent while the backlog read is still running", TimeSpan.FromSeconds(5));
        Assert.False(reconcile.IsCompleted);

        read.Release();
        await reconcile.WaitAsync(TimeSpan.FromSeconds(10));
        cluster.Storage.BlockingUndeliveredReads.TryRemove(partnerId, out _);
    }
}
