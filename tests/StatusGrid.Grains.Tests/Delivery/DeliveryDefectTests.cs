using System.Globalization;
using Orleans.Core.Internal;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>
/// The ways the push pipeline broke its promise (every partner converges, never older after newer), each reproduced
/// against a real cluster. Every test here failed on the pipeline before the rewrite.
/// </summary>
public sealed class DeliveryDefectTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly DateTimeOffset T0 = PartnerTestKit.T0;
    private GrainTestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_put_never_overtakes_an_in_flight_patch_and_a_failed_patch_older_than_the_put_is_not_resent()
    {
        const string Host = "overtake.test";
        var kit = new PartnerTestKit(Cluster);
        var partnerId = await kit.AddPartnerAsync(Host, "OVT-1");
        await kit.PutLocationAsync("OVT-1", 1);
        await Eventually.True(() => kit.RequestsTo(Host).Any(r => r.Method == HttpMethod.Put), "the first PUT");

        var release = new TaskCompletionSource();
        var held = 0;
        var holding = 0;
        var putWhilePatchInFlight = false;
        Cluster.Partners.Respond = async r =>
        {
            if (r.Url.Host != Host)
            {
                return StubPartnerHandler.Ok();
            }

            if (r.Method == HttpMethod.Patch && r.Body.Contains("CHARGING", StringComparison.Ordinal) && Interlocked.Exchange(ref held, 1) == 0)
            {
                // The PATCH of v2 hangs on the network, then fails retryably.
                Volatile.Write(ref holding, 1);
                await Task.WhenAny(release.Task, Task.Delay(TimeSpan.FromSeconds(2)));
                Volatile.Write(ref holding, 0);
                return PartnerFaults.Unavailable();
            }

            if (r.Method == HttpMethod.Put && Volatile.Read(ref holding) == 1)
            {
                putWhilePatchInFlight = true;
                _ = Task.Delay(200).ContinueWith(_ => release.TrySetResult(), TaskScheduler.Default);
            }

            return StubPartnerHandler.Ok();
        };

        try
        {
            await kit.ReportAsync("OVT-1", 1, EvseStatus.Charging, T0.AddMinutes(1));
            await Eventually.True(() => Volatile.Read(ref held) == 1, "the PATCH of v2 in flight");
            await kit.ReportAsync("OVT-1", 1, EvseStatus.Available, T0.AddMinutes(2));
            await Cluster.Client.GetGrain<ILocationGrain>(EvseKey.Location("OVT-1")).Put(SampleLocations.Create("OVT-1", 1) with { Name = "Renamed" });

            var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
            await Eventually.True(async () => kit.RequestsTo(Host).Any(r => r.Method == HttpMethod.Put && r.Body.Contains("Renamed", StringComparison.Ordinal))
                && await partner.GetHealth() is { QueueDepth: 0, InFlight: 0, PendingLocationPuts: 0 }, "the partner to settle");

            Assert.False(putWhilePatchInFlight, "a PUT of the location was sent while a PATCH of one of its EVSEs was in flight");
            var afterPut = kit.RequestsTo(Host).SkipWhile(r => !(r.Method == HttpMethod.Put && r.Body.Contains("Renamed", StringComparison.Ordinal))).Skip(1);
            Assert.DoesNotContain(afterPut, r => r.Method == HttpMethod.Patch && r.Body.Contains("CHARGING", StringComparison.Ordinal));
            Assert.Equal("AVAILABLE", kit.StatesSeenBy(Host)["OVT-1-E1"][^1].Status);
        }
        finally
        {
            release.TrySetResult();
            Cluster.Partners.Respond = _ => Task.FromResult(StubPartnerHandler.Ok());
        }
    }

    [Fact]
    public async Task A_rejected_patch_is_not_sent_again_at_the_next_reconcile_but_a_newer_change_is()
    {
        const string Host = "reject.test";
        var kit = new PartnerTestKit(Cluster);
        var partnerId = await kit.AddPartnerAsync(Host, "REJ-1");
        await kit.PutLocationAsync("REJ-1", 1);
        await Eventually.True(() => kit.RequestsTo(Host).Any(r => r.Method == HttpMethod.Put), "the first PUT");
        Cluster.Partners.Respond = r => Task.FromResult(r.Url.Host == Host && r.Method == HttpMethod.Patch
            ? PartnerFaults.BadRequest("status not allowed") : StubPartnerHandler.Ok());
        try
        {
            var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
            await kit.ReportAsync("REJ-1", 1, EvseStatus.Charging, T0.AddMinutes(1));
            await Eventually.True(() => kit.PatchesTo(Host).Count == 1, "the rejected PATCH");
            await Eventually.True(async () => await partner.GetHealth() is { QueueDepth: 0, InFlight: 0 }, "the rejection to settle");
            var rejection = Assert.Single((await partner.GetHealth()).Rejections);
            Assert.Equal(("REJ-1", "REJ-1-E1", 400, 2001, "status not allowed"),
                (rejection.LocationId, rejection.EvseUid, rejection.HttpStatus!.Value, rejection.OcpiStatusCode!.Value, rejection.Message));

            await partner.Reconcile();
            await partner.Reconcile();
            await Eventually.True(async () => await partner.GetHealth() is { QueueDepth: 0, InFlight: 0 }, "the reconciles to settle");
            Assert.Single(kit.PatchesTo(Host));

            await kit.ReportAsync("REJ-1", 1, EvseStatus.Available, T0.AddMinutes(2));
            await Eventually.True(() => kit.PatchesTo(Host).Count == 2, "the newer change to be sent");

            // An admin's resync PUTs the location again and forgets the refusals.
            var puts = kit.RequestsTo(Host).Count(r => r.Method == HttpMethod.Put);
            Assert.Equal(1, await partner.Resync());
            await Eventually.True(() => kit.RequestsTo(Host).Count(r => r.Method == HttpMethod.Put) == puts + 1, "the resync PUT");
            await Eventually.True(async () => (await partner.GetHealth()).Rejections.IsEmpty, "the refusals to be forgotten");
        }
        finally
        {
            Cluster.Partners.Respond = _ => Task.FromResult(StubPartnerHandler.Ok());
        }
    }

    [Theory]
    [InlineData("PULL-1", false, true)]
    [InlineData("OFF-1", true, false)]
    public async Task A_partner_that_receives_no_pushes_builds_no_backlog_and_never_scans_the_ledger(string locationId, bool hasUrl, bool enabled)
    {
        var partnerId = "NOPUSH-" + locationId;
        var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await partner.Configure(new PartnerConfig
        {
            Id = partnerId,
            OcpiVersion = OcpiVersion.V221,
            LocationsUrl = hasUrl ? "http://nopush.test/ocpi/emsp/2.2.1/locations" : null,
            Token = "t",
            CountryCode = "DE",
            PartyId = "EMS",
            Enabled = enabled,
            Filter = new PartnerFilter { LocationIds = [locationId] },
        });
        var kit = new PartnerTestKit(Cluster);
        await kit.PutLocationAsync(locationId, 2);
        await kit.ReportAsync(locationId, 1, EvseStatus.Charging, T0.AddMinutes(1));

        await partner.Reconcile();
        var health = await partner.GetHealth();
        Assert.Equal(0, health.QueueDepth);
        Assert.Equal(0, health.PendingLocationPuts);
        Assert.Equal(0, Cluster.Storage.UndeliveredReads(partnerId));
    }

    [Fact]
    public async Task Widening_a_filter_puts_the_newly_visible_location_and_reconcile_never_settles_what_the_partner_may_not_see()
    {
        const string Host = "widen.test";
        var kit = new PartnerTestKit(Cluster);
        var partnerId = await kit.AddPartnerAsync(Host, "WID-1");
        await kit.PutLocationAsync("WID-1", 1);
        await kit.PutLocationAsync("WID-2", 1);
        await kit.ReportAsync("WID-2", 1, EvseStatus.Charging, T0.AddMinutes(1));
        var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await partner.Reconcile();
        Assert.Equal(0, Cluster.Storage.DeliveredVersion(partnerId, "WID-2", "WID-2-E1"));

        var config = (await partner.GetConfig())!;
        await partner.Configure(config with { Filter = new PartnerFilter { LocationIds = ["WID-1", "WID-2"] } });

        var put = await Eventually.Get(() => kit.RequestsTo(Host).FirstOrDefault(r => r.Method == HttpMethod.Put && r.Url.AbsolutePath.EndsWith("/WID-2", StringComparison.Ordinal)),
            "the PUT of the newly visible location");
        Assert.Contains("\"CHARGING\"", put.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reactivated_partner_never_sends_a_state_older_than_one_delivered_but_not_yet_recorded()
    {
        const string Host = "unrecorded.test";
        var kit = new PartnerTestKit(Cluster);
        var partnerId = await kit.AddPartnerAsync(Host, "UNR-1");
        Cluster.Storage.UnrecordedPartners[partnerId] = true;
        try
        {
            await kit.PutLocationAsync("UNR-1", 1);
            await Eventually.True(() => kit.RequestsTo(Host).Any(r => r.Method == HttpMethod.Put), "the first PUT");
            await kit.ReportAsync("UNR-1", 1, EvseStatus.Charging, T0.AddMinutes(1));
            await Eventually.True(() => kit.PatchesTo(Host).Any(p => p.Body.Contains("CHARGING", StringComparison.Ordinal)), "the PATCH of v2");
            await kit.ReportAsync("UNR-1", 1, EvseStatus.Available, T0.AddMinutes(2));
            await Eventually.True(() => kit.PatchesTo(Host).Any(p => p.Body.Contains("AVAILABLE", StringComparison.Ordinal)), "the PATCH of v3");
            var v3 = (await Cluster.Storage.ReadAsync("UNR-1", "UNR-1-E1"))!;

            // The silo dies before v3's delivery reaches the ledger; the new activation cannot read its backlog either.
            Cluster.Storage.FailingUndeliveredReads[partnerId] = true;
            var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
            await partner.Cast<IGrainManagementExtension>().DeactivateOnIdle();
            await Eventually.True(async () => (await partner.GetHealth()).Successes == 0, "a new activation of the partner grain");
            var before = kit.RequestsTo(Host).Count;

            var late = new EvseStatusChange("UNR-1", "UNR-1-E1", "NL", "SGR", true, EvseStatus.Charging, T0.AddMinutes(1), v3.Version - 1);
            await partner.EnqueueStatusChanges([late]);
            await Eventually.True(async () => await partner.GetHealth() is { QueueDepth: 0, InFlight: 0 }, "the late state to be settled");

            Assert.DoesNotContain(kit.RequestsTo(Host).Skip(before), r => r.Body.Contains("CHARGING", StringComparison.Ordinal));
        }
        finally
        {
            Cluster.Storage.UnrecordedPartners.TryRemove(partnerId, out _);
            Cluster.Storage.FailingUndeliveredReads.TryRemove(partnerId, out _);
        }
    }
    [Fact]
    public async Task A_late_report_after_an_unstamped_evse_edit_never_reaches_the_partner_older_than_the_put()
    {
        const string Host = "edit-stamp.test";
        var kit = new PartnerTestKit(Cluster);
        var partnerId = await kit.AddPartnerAsync(Host, "EDS-1");
        await kit.PutLocationAsync("EDS-1", 1);
        await Eventually.True(() => kit.RequestsTo(Host).Any(r => r.Method == HttpMethod.Put), "the first PUT");
        await kit.ReportAsync("EDS-1", 1, EvseStatus.Charging, T0.AddMinutes(1));
        await Eventually.True(() => kit.PatchesTo(Host).Any(p => p.Body.Contains("CHARGING", StringComparison.Ordinal)), "the PATCH of CHARGING");

        // The CPO edits a connector without bumping last_updated: StatusGrid stamps the EVSE now and PUTs it. A status
        // observed before that edit (but after the status the edit carries) then arrives: it is news, but the partner
        // already holds the EVSE at the edit's time, so it must not get it with an older last_updated.
        var document = SampleLocations.Create("EDS-1", 1);
        var evse = document.Evses![0];
        await Cluster.Client.GetGrain<ILocationGrain>(EvseKey.Location("EDS-1"))
            .Put(document with { Evses = [evse with { Status = EvseStatus.Charging, Connectors = [evse.Connectors[0] with { MaxAmperage = 16 }] }] });
        await Eventually.True(() => kit.RequestsTo(Host).Any(r => r.Method == HttpMethod.Put && r.Body.Contains("\"max_amperage\":16", StringComparison.Ordinal)), "the PUT of the edit");
        Assert.Equal(StatusReportOutcome.Applied, await kit.ReportAsync("EDS-1", 1, EvseStatus.Available, T0.AddMinutes(2)));

        var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await Eventually.True(async () => kit.StatesSeenBy(Host)["EDS-1-E1"][^1].Status == "AVAILABLE"
            && await partner.GetHealth() is { QueueDepth: 0, InFlight: 0, PendingLocationPuts: 0 }, "the partner to settle on AVAILABLE");

        var stamps = kit.StatesSeenBy(Host)["EDS-1-E1"].Select(s => DateTimeOffset.Parse(s.LastUpdated, CultureInfo.InvariantCulture)).ToList();
        for (var i = 1; i < stamps.Count; i++)
        {
            Assert.True(stamps[i] >= stamps[i - 1], $"the partner got last_updated {stamps[i]:O} after {stamps[i - 1]:O}");
        }

        // A pull agrees with the last push.
        var pulled = (await Cluster.Client.GetGrain<ILocationGrain>(EvseKey.Location("EDS-1")).Get())!.Location.Evses![0];
        Assert.Equal(EvseStatus.Available, pulled.Status);
        Assert.Equal(stamps[^1], pulled.LastUpdated);
    }
}
