using System.Globalization;
using System.Text.Json;
using Orleans.Core.Internal;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Tests;

/// <summary>
/// A partner that no longer sees a Location it was sent (its filter narrowed, or the Location moved out of its
/// countries) must get it withdrawn, like an unpublished one: otherwise it keeps showing it with a frozen status,
/// since every later PATCH of it is filtered away. Seen failing first: no withdrawal PUT ever came.
/// </summary>
public sealed class FilterWithdrawalTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private GrainTestCluster Cluster => fixture.Cluster;

    [Theory]
    [InlineData(DeliveryMode.Latest)]
    [InlineData(DeliveryMode.Ordered)]
    public async Task A_partner_whose_filter_no_longer_allows_a_location_it_was_sent_gets_that_location_withdrawn(DeliveryMode mode)
    {
        var host = $"narrowed-{mode}.test".ToLowerInvariant();
        var (one, two) = ($"NAR-{mode}-1", $"NAR-{mode}-2");
        var kit = new PartnerTestKit(Cluster);
        var partnerId = await kit.AddPartnerAsync(host, mode, one, two);
        await kit.PutLocationAsync(one, 1);
        await kit.PutLocationAsync(two, 1);
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, one, DeliveredVersion.Document) == 1, "the first location delivered");

        await NarrowAsync(partnerId, filter => filter with { LocationIds = [two] });

        await Eventually.True(() => Withdrawals(kit, host, one).Count > 0, "the withdrawal PUT of the first location", TimeSpan.FromSeconds(20));
        Assert.Empty(Withdrawals(kit, host, two));
        // Withdrawn once, and recorded (the reopened -1 gone): later reconciles (every 2 s here) owe nothing more.
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, one, DeliveredVersion.Document) == 1, "the withdrawal recorded");
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Single(Withdrawals(kit, host, one));
    }

    [Fact]
    public async Task A_narrowing_whose_withdrawal_did_not_get_through_before_the_partner_grain_went_away_is_withdrawn_by_its_next_activation()
    {
        const string host = "narrowed-lost.test";
        var kit = new PartnerTestKit(Cluster);
        var partnerId = await kit.AddPartnerAsync(host, "NLOST-1", "NLOST-2");
        await kit.PutLocationAsync("NLOST-1", 1);
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, "NLOST-1", DeliveredVersion.Document) == 1, "NLOST-1 delivered");

        var down = 1;
        Cluster.Partners.Respond = r => Task.FromResult(r.Url.Host == host && Volatile.Read(ref down) == 1 ? PartnerFaults.Unavailable() : StubPartnerHandler.Ok());
        await NarrowAsync(partnerId, filter => filter with { LocationIds = ["NLOST-2"] });
        await Eventually.True(() => Withdrawals(kit, host, "NLOST-1").Count > 0, "a failed withdrawal PUT");
        var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await partner.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.True(async () => (await partner.GetHealth()).Successes == 0, "a new activation of the partner grain");

        var failed = Withdrawals(kit, host, "NLOST-1").Count;
        Volatile.Write(ref down, 0);
        await Eventually.True(() => Withdrawals(kit, host, "NLOST-1").Count > failed, "the withdrawal from the new activation", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_visible_put_answered_after_a_narrowing_leaves_the_withdrawal_owed_to_the_next_activation()
    {
        const string host = "narrowed-inflight.test";
        const string id = "NIF-1";
        var kit = new PartnerTestKit(Cluster);
        var partnerId = await kit.AddPartnerAsync(host, id, "NIF-2");
        await kit.PutLocationAsync(id, 1);
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, id, DeliveredVersion.Document) == 1, "the first version delivered");

        // The edit's PUT (visible, version 2) is held by the partner until the narrowing has reopened the row (1 → -1);
        // the withdrawal that follows fails until the activation is gone, as if its silo had died.
        var answer = new TaskCompletionSource();
        var down = 1;
        Cluster.Partners.Respond = async r =>
        {
            if (r.Url.Host != host || r.Method != HttpMethod.Put)
            {
                return StubPartnerHandler.Ok();
            }

            if (r.Body.Contains("\"publish\":true", StringComparison.Ordinal))
            {
                await answer.Task;
                return StubPartnerHandler.Ok();
            }

            return Volatile.Read(ref down) == 1 ? PartnerFaults.Unavailable() : StubPartnerHandler.Ok();
        };
        await Cluster.Client.GetGrain<ILocationGrain>(EvseKey.Location(id)).Put(SampleLocations.Create(id, 1) with { City = "Amersfoort" });
        await Eventually.True(() => kit.RequestsTo(host).Count(r => r.Method == HttpMethod.Put) == 2, "the edit's PUT sent");
        await NarrowAsync(partnerId, filter => filter with { LocationIds = ["NIF-2"] });
        answer.SetResult();
        await Eventually.True(() => Withdrawals(kit, host, id).Count > 0, "a failed withdrawal PUT after the visible one");
        var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await partner.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.True(async () => (await partner.GetHealth()).Successes == 0, "a new activation of the partner grain");

        var failed = Withdrawals(kit, host, id).Count;
        Volatile.Write(ref down, 0);
        // Reconcile runs every 2 s here: the withdrawal is owed only if the visible PUT's record left the row reopened.
        await Eventually.True(() => Withdrawals(kit, host, id).Count > failed, "the withdrawal from the new activation", TimeSpan.FromSeconds(20));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_location_moved_out_of_the_partners_countries_is_withdrawn_whether_or_not_it_is_hidden_at_once(bool publish)
    {
        var host = $"moved-{publish}.test".ToLowerInvariant();
        var id = $"MOVED-{publish}".ToUpperInvariant();
        var kit = new PartnerTestKit(Cluster);
        var partnerId = await kit.AddPartnerAsync(host, id);
        await NarrowAsync(partnerId, filter => filter with { Countries = ["NL"] });
        await kit.PutLocationAsync(id, 1);
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, id, DeliveredVersion.Document) == 1, "the Dutch location delivered");

        await Cluster.Client.GetGrain<ILocationGrain>(EvseKey.Location(id)).Put(SampleLocations.Create(id, 1, publish) with { Country = "BEL", City = "Antwerpen" });

        await Eventually.True(() => Withdrawals(kit, host, id).Count > 0, "the withdrawal PUT of the moved location", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_location_moved_out_of_the_partners_countries_whose_hand_off_was_lost_is_withdrawn_by_reconcile()
    {
        const string host = "moved-lost.test";
        const string id = "MOVED-LOST";
        var kit = new PartnerTestKit(Cluster);
        var partnerId = await kit.AddPartnerAsync(host, id);
        await NarrowAsync(partnerId, filter => filter with { Countries = ["NL"] });
        await kit.PutLocationAsync(id, 1);
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, id, DeliveredVersion.Document) == 1, "the Dutch location delivered");

        // Stored as the Location grain stores it, but never handed to the fan-out: as when the silo died right after.
        var stored = (await Cluster.Storage.GetAsync(id))!;
        await Cluster.Storage.UpsertAsync(stored with { Country = "BEL", Json = stored.Json.Replace("\"NLD\"", "\"BEL\"", StringComparison.Ordinal) });

        await Eventually.True(() => Withdrawals(kit, host, id).Count > 0, "the withdrawal PUT from reconcile", TimeSpan.FromSeconds(20));
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, id, DeliveredVersion.Document) == 2, "the withdrawal recorded as delivered");
    }

    [Fact]
    public async Task A_withdrawal_the_partner_refused_is_sent_again_by_an_admin_resync()
    {
        const string host = "refused-withdrawal.test";
        var kit = new PartnerTestKit(Cluster);
        var refuse = 1;
        Cluster.Partners.Respond = r => Task.FromResult(r.Url.Host == host && Volatile.Read(ref refuse) == 1 && r.Method == HttpMethod.Put
            && r.Body.Contains("\"publish\":false", StringComparison.Ordinal) ? PartnerFaults.BadRequest("no") : StubPartnerHandler.Ok());
        var partnerId = await kit.AddPartnerAsync(host, "RWD-1", "RWD-2");
        var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await kit.PutLocationAsync("RWD-1", 1);
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, "RWD-1", DeliveredVersion.Document) == 1, "RWD-1 delivered");
        await NarrowAsync(partnerId, filter => filter with { LocationIds = ["RWD-2"] });
        await Eventually.True(async () => (await partner.GetHealth()).Rejections.Any(r => r.LocationId == "RWD-1"), "the withdrawal refused");

        Volatile.Write(ref refuse, 0);
        var refused = Withdrawals(kit, host, "RWD-1").Count;
        await partner.Resync();

        await Eventually.True(() => Withdrawals(kit, host, "RWD-1").Count > refused, "the withdrawal from the resync");
    }

    /// <summary>
    /// The resync after a filter change: the Location back (widened again) was refused, and the admin's resync, from a
    /// new activation of the partner grain, is the repair. A receiver that keeps the newer copy (as many do) applies
    /// it only if it is newer than the withdrawal it holds. Seen failing first: the resync carried the document's own
    /// last_updated, older than the withdrawal's.
    /// </summary>
    [Fact]
    public async Task A_resync_after_a_filter_change_reaches_a_receiver_that_keeps_the_newer_copy_and_no_put_goes_back_in_time()
    {
        const string host = "refiltered-resync.test";
        const string id = "RRS-1";
        var kit = new PartnerTestKit(Cluster);
        var refuseBack = 0;
        RecordedRequest? refused = null;
        Cluster.Partners.Respond = r =>
        {
            if (r.Url.Host != host || r.Method != HttpMethod.Put || !r.Body.Contains("\"publish\":true", StringComparison.Ordinal)
                || Interlocked.Exchange(ref refuseBack, 0) != 1)
            {
                return Task.FromResult(StubPartnerHandler.Ok());
            }

            refused = r;
            return Task.FromResult(PartnerFaults.BadRequest("not now"));
        };
        var partnerId = await kit.AddPartnerAsync(host, id, "RRS-2");
        var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await kit.PutLocationAsync(id, 2);
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, id, DeliveredVersion.Document) == 1, "the location delivered");

        await NarrowAsync(partnerId, filter => filter with { LocationIds = ["RRS-2"] });
        await Eventually.True(() => Cluster.Storage.DeliveredVersion(partnerId, id, DeliveredVersion.Document) == 1, "the withdrawal delivered");
        Volatile.Write(ref refuseBack, 1);
        await NarrowAsync(partnerId, filter => filter with { LocationIds = [id, "RRS-2"] });
        await Eventually.True(async () => (await partner.GetHealth()).Rejections.Any(r => r.LocationId == id), "the Location back refused");
        await partner.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.True(async () => (await partner.GetHealth()).Successes == 0, "a new activation of the partner grain");
        var before = Puts(kit, host, id, refused).Count;

        await partner.Resync();

        await Eventually.True(() => Puts(kit, host, id, refused).Count > before, "the resync's PUT");
        var puts = Puts(kit, host, id, refused);
        for (var n = 1; n < puts.Count; n++)
        {
            Assert.True(puts[n].LastUpdated >= puts[n - 1].LastUpdated,
                $"PUT {n} ({(puts[n].Publish ? "the Location" : "withdrawal")}) at {puts[n].LastUpdated:O} after one at {puts[n - 1].LastUpdated:O}");
        }

        // The receiver: applies an accepted PUT only when it is newer than the copy it holds.
        var held = puts.Where(p => p.Accepted).Aggregate((held, next) => next.LastUpdated > held.LastUpdated ? next : held);
        Assert.True(held.Publish, $"the receiver kept the withdrawal at {held.LastUpdated:O}");
    }

    private async Task NarrowAsync(string partnerId, Func<PartnerFilter, PartnerFilter> narrow)
    {
        var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        var config = (await partner.GetConfig())!;
        await partner.Configure(config with { Filter = narrow(config.Filter) });
    }

    private static List<RecordedRequest> Withdrawals(PartnerTestKit kit, string host, string locationId) =>
    [
        .. kit.RequestsTo(host).Where(r => r.Method == HttpMethod.Put
            && r.Url.AbsolutePath.EndsWith("/" + locationId, StringComparison.Ordinal)
            && r.Body.Contains("\"publish\":false", StringComparison.Ordinal)),
    ];

    /// <summary>The Location PUTs the partner got, in arrival order: the Location or its withdrawal, and whether it was accepted.</summary>
    private static List<(DateTimeOffset LastUpdated, bool Publish, bool Accepted)> Puts(PartnerTestKit kit, string host, string locationId, RecordedRequest? refused)
    {
        List<(DateTimeOffset, bool, bool)> puts = [];
        foreach (var request in kit.RequestsTo(host).Where(r => r.Method == HttpMethod.Put && r.Url.AbsolutePath.EndsWith("/" + locationId, StringComparison.Ordinal)))
        {
            using var body = JsonDocument.Parse(request.Body);
            var lastUpdated = DateTimeOffset.Parse(body.RootElement.GetProperty("last_updated").GetString()!, CultureInfo.InvariantCulture);
            puts.Add((lastUpdated, body.RootElement.GetProperty("publish").GetBoolean(), !ReferenceEquals(request, refused)));
        }

        return puts;
    }
}
