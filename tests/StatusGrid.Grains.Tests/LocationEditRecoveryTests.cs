using Orleans.Core.Internal;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Tests;

/// <summary>
/// A Location edit that changes no status is answered once stored; its PUT is handed to partner grains in memory. A
/// partner grain that goes away (here a graceful deactivation) before the PUT got through must still send it: the
/// stored document is newer than the one its delivery ledger holds.
/// </summary>
public sealed class LocationEditRecoveryTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private GrainTestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_renamed_location_whose_put_failed_is_sent_by_the_partners_next_activation_and_only_once()
    {
        const string host = "rename.test";
        var kit = new PartnerTestKit(Cluster);
        var partnerId = await kit.AddPartnerAsync(host, "REN-1");
        var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await kit.PutLocationAsync("REN-1", 1);
        await Eventually.True(async () => (await partner.GetHealth()).Successes == 1, "the first document delivered");

        var down = 1;
        Cluster.Partners.Respond = r => Task.FromResult(r.Url.Host == host && Volatile.Read(ref down) == 1 ? PartnerFaults.Unavailable() : StubPartnerHandler.Ok());
        await RenameAsync("REN-1");
        await Eventually.True(() => RenamedPuts(kit, host).Count > 0, "a failed PUT of the renamed location");
        // The old activation delivered one PUT; the new one none while the partner is down.
        await RestartPartnerAsync(partnerId, health => health.Successes == 0);

        var failed = RenamedPuts(kit, host).Count;
        Volatile.Write(ref down, 0);
        await Eventually.True(() => RenamedPuts(kit, host).Count > failed, "the renamed location's PUT from the new activation");
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, "REN-1", DeliveredVersion.Document) == 2, "the renamed document recorded as delivered");

        // Delivered and recorded: later reconciles (every 2 s here) owe nothing more.
        var puts = kit.RequestsTo(host).Count(r => r.Method == HttpMethod.Put);
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(puts, kit.RequestsTo(host).Count(r => r.Method == HttpMethod.Put));
    }

    [Fact]
    public async Task A_location_fixed_after_the_partner_refused_it_is_sent_by_the_next_activation_and_so_are_its_later_statuses()
    {
        const string host = "refused.test";
        var kit = new PartnerTestKit(Cluster);
        var answer = 2; // 2: refuse PUTs, 1: unavailable, 0: accept
        Cluster.Partners.Respond = r => Task.FromResult(r.Url.Host != host ? StubPartnerHandler.Ok() : Volatile.Read(ref answer) switch
        {
            2 when r.Method == HttpMethod.Put => PartnerFaults.BadRequest("no opening times"),
            1 => PartnerFaults.Unavailable(),
            _ => StubPartnerHandler.Ok(),
        });
        var partnerId = await kit.AddPartnerAsync(host, "REF-1");
        var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await kit.PutLocationAsync("REF-1", 1);
        await Eventually.True(async () => (await partner.GetHealth()).Rejections.Any(r => r.LocationId == "REF-1" && r.EvseUid is null), "the refusal recorded");

        Volatile.Write(ref answer, 1);
        await RenameAsync("REF-1");
        await Eventually.True(() => RenamedPuts(kit, host).Count > 0, "a failed PUT of the fixed location");
        // The old activation counted the refusal; the new one only reloads it (for the admin view).
        await RestartPartnerAsync(partnerId, health => health.Rejected == 0);

        var failed = RenamedPuts(kit, host).Count;
        Volatile.Write(ref answer, 0);
        await Eventually.True(() => RenamedPuts(kit, host).Count > failed, "the fixed location's PUT from the new activation");
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, "REF-1", DeliveredVersion.Document) == 2, "the fixed document recorded as delivered");
        await kit.ReportAsync("REF-1", 1, EvseStatus.Charging, PartnerTestKit.T0.AddMinutes(1));
        await Eventually.True(() => kit.PatchesTo(host).Any(p => p.Body.Contains("CHARGING", StringComparison.Ordinal)), "the later status PATCHed");
        await Eventually.True(async () => (await partner.GetHealth()).Rejections.IsEmpty, "the refusal gone from the partner's view");
    }

    [Theory]
    [InlineData(DeliveryMode.Latest)]
    [InlineData(DeliveryMode.Ordered)]
    public async Task A_stored_edit_whose_hand_off_was_lost_is_put_by_reconcile_in_either_delivery_mode(DeliveryMode mode)
    {
        var host = $"lost-{mode}.test".ToLowerInvariant();
        var id = $"LOST-{mode}";
        var kit = new PartnerTestKit(Cluster);
        var partnerId = await kit.AddPartnerAsync(host, mode, id);
        await kit.PutLocationAsync(id, 1);
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, id, DeliveredVersion.Document) == 1, "the first document recorded as delivered");

        // Stored as the Location grain stores it, but never handed to the fan-out: as when the silo died right after.
        var stored = (await Cluster.Storage.GetAsync(id))!;
        await Cluster.Storage.UpsertAsync(stored with { Json = stored.Json.Replace($"Test {id}", $"Renamed {id}", StringComparison.Ordinal) });

        // Ordered partners queue it once two reconciles in a row found it owed (every 2 s here).
        await Eventually.True(() => RenamedPuts(kit, host).Count > 0, "the renamed location's PUT from reconcile", TimeSpan.FromSeconds(20));
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, id, DeliveredVersion.Document) == 2, "the renamed document recorded as delivered");
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Single(RenamedPuts(kit, host));
    }

    [Fact]
    public async Task A_hidden_location_whose_withdrawal_hand_off_was_lost_is_withdrawn_by_reconcile()
    {
        const string host = "lost-withdrawal.test";
        const string id = "LOST-HIDE";
        var kit = new PartnerTestKit(Cluster);
        var partnerId = await kit.AddPartnerAsync(host, id); // published_only, the default
        await kit.PutLocationAsync(id, 1);
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, id, DeliveredVersion.Document) == 1, "the published document recorded as delivered");

        // Unpublished as the Location grain stores it, but never handed to the fan-out: as when the silo died right after.
        var stored = (await Cluster.Storage.GetAsync(id))!;
        await Cluster.Storage.UpsertAsync(stored with { Publish = false, Json = stored.Json.Replace("\"publish\":true", "\"publish\":false", StringComparison.Ordinal) });

        await Eventually.True(
            () => kit.RequestsTo(host).Any(r => r.Method == HttpMethod.Put && r.Body.Contains("\"publish\":false", StringComparison.Ordinal)),
            "the withdrawal PUT from reconcile", TimeSpan.FromSeconds(20));
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, id, DeliveredVersion.Document) == 2, "the withdrawal recorded as delivered");
    }

    private Task<LocationPutOutcome> RenameAsync(string id) =>
        Cluster.Client.GetGrain<ILocationGrain>(EvseKey.Location(id)).Put(SampleLocations.Create(id, 1) with { Name = $"Renamed {id}" });

    private static List<RecordedRequest> RenamedPuts(PartnerTestKit kit, string host) =>
        [.. kit.RequestsTo(host).Where(r => r.Method == HttpMethod.Put && r.Body.Contains("Renamed", StringComparison.Ordinal))];

    /// <summary>Deactivates the partner's grain and waits for a new activation, told apart by <paramref name="isNew"/>.</summary>
    private async Task RestartPartnerAsync(string partnerId, Func<PartnerHealth, bool> isNew)
    {
        var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await partner.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.True(async () => isNew(await partner.GetHealth()), "a new activation of the partner grain");
    }
}
