using Orleans.Core.Internal;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests;

/// <summary>
/// A partner grain's memory of what it delivered is lost with its activation (a crash, a deactivation). The ledger
/// is not: a new activation must not send a late, older state after the newer one an earlier activation delivered.
/// </summary>
public sealed class PartnerReactivationTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const string Host = "reactivate.test";
    private GrainTestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_new_activation_drops_a_late_state_older_than_one_delivered_before_and_still_sends_newer_ones()
    {
        var kit = new PartnerTestKit(Cluster);
        var partnerId = await kit.AddPartnerAsync(Host, "REA-1");
        await kit.PutLocationAsync("REA-1", 1);
        await kit.ReportAsync("REA-1", 1, EvseStatus.Charging, PartnerTestKit.T0.AddMinutes(1));
        await kit.ReportAsync("REA-1", 1, EvseStatus.Available, PartnerTestKit.T0.AddMinutes(2));
        var current = (await Cluster.Storage.ReadAsync("REA-1", "REA-1-E1"))!;
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, "REA-1", "REA-1-E1") == current.Version, "the newest state delivered and recorded");

        var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await partner.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.True(async () => (await partner.GetHealth()).Successes == 0, "a new activation of the partner grain");
        var before = kit.PatchesTo(Host).Count;

        // A late message with the older state, as from a slow or re-routed fan-out of the earlier change.
        var late = new EvseStatusChange("REA-1", "REA-1-E1", "NL", "SGR", true, EvseStatus.Charging, PartnerTestKit.T0.AddMinutes(1), current.Version - 1);
        await partner.EnqueueStatusChanges([late]);
        await Eventually.True(async () => await partner.GetHealth() is { QueueDepth: 0, InFlight: 0 }, "the late state to be settled");
        Assert.Equal(before, kit.PatchesTo(Host).Count);

        // A newer state goes out as usual, and it is the only PATCH since the re-activation.
        await kit.ReportAsync("REA-1", 1, EvseStatus.OutOfOrder, PartnerTestKit.T0.AddMinutes(3));
        var patch = await Eventually.Get(() => kit.PatchesTo(Host).Skip(before).FirstOrDefault(), "the newer PATCH");
        Assert.Equal("""{"status":"OUTOFORDER","last_updated":"2026-03-01T12:03:00Z"}""", patch.Body);
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, "REA-1", "REA-1-E1") == current.Version + 1, "the newer state recorded");
        Assert.Single(kit.PatchesTo(Host).Skip(before));
    }
    [Fact]
    public async Task An_activation_rewrites_the_partners_directory_entry_from_its_stored_configuration()
    {
        // A directory entry written before the entry knew the delivery mode (or lost with a failed write) says
        // "latest" for an ordered partner: the fan-out would then not retry a failed hand-off, losing a state.
        var kit = new PartnerTestKit(Cluster);
        var partnerId = await kit.AddPartnerAsync("directory.test", DeliveryMode.Ordered, "DIR-1");
        var directory = Cluster.Client.GetGrain<IPartnerDirectoryGrain>(0);
        var entry = (await directory.GetSubscriptions()).Single(s => s.PartnerId == partnerId);
        Assert.True(entry.Ordered);
        await directory.Upsert(entry with { Ordered = false });

        var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await partner.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.True(async () =>
        {
            await partner.GetConfig(); // wakes the next activation once this one is gone
            return (await directory.GetSubscriptions()).Single(s => s.PartnerId == partnerId).Ordered;
        }, "a new activation to restore the entry's delivery mode");
    }
}
