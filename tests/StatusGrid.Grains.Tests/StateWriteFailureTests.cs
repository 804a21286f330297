using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;
using StatusGrid.Contracts.Registrations;

namespace StatusGrid.Grains.Tests;

/// <summary>
/// A grain changes its state in memory and then writes it. When the write fails and the caller sends the same change
/// again, the grain must write it, not answer from memory that it is so already: the memory is gone at the next
/// activation (see GrainStateWrites). Each case deactivates the grain afterwards and reads what a new activation sees.
/// </summary>
public sealed class StateWriteFailureTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task A_partner_subscription_whose_write_failed_is_stored_when_sent_again()
    {
        // Lost, the partner would silently stop receiving pushes after the directory grain's next activation.
        var directory = Client.GetGrain<IPartnerDirectoryGrain>(0);
        var subscription = new PartnerSubscription("SWF-P1", PartnerFilter.Default, ReceivesPushes: true);
        fixture.Cluster.Storage.FailingGrainWrites[directory.GetGrainId()] = true;

        await Assert.ThrowsAnyAsync<Exception>(() => directory.Upsert(subscription));
        await directory.Upsert(subscription);
        await directory.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.Contains(subscription, await directory.GetSubscriptions());
    }

    [Fact]
    public async Task A_token_whose_revoke_failed_is_revoked_when_the_revoke_is_sent_again()
    {
        // Lost, a revoked credentials token would let its old holder in again after the next activation.
        var token = Client.GetGrain<IOcpiTokenGrain>("swf-token-hash");
        await token.Grant(new OcpiTokenGrant("SWF-P2", OcpiTokenKind.Access));
        fixture.Cluster.Storage.FailingGrainWrites[token.GetGrainId()] = true;

        await Assert.ThrowsAnyAsync<Exception>(() => token.Revoke("SWF-P2"));
        await token.Revoke("SWF-P2");
        await token.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.Null(await token.Get());
    }

    [Fact]
    public async Task A_partner_configuration_whose_write_failed_is_not_in_effect()
    {
        // The admin got an error; pushing with the new URL and token from memory anyway, until the grain's next
        // activation silently went back to the stored one, would be two configurations for one answer.
        var kit = new PartnerTestKit(fixture.Cluster);
        var id = await kit.AddPartnerAsync("swf-config.test", "SWF-L1");
        var partner = Client.GetGrain<IPartnerGrain>(id);
        var stored = (await partner.GetConfig())!;
        fixture.Cluster.Storage.FailingGrainWrites[partner.GetGrainId()] = true;

        await Assert.ThrowsAnyAsync<Exception>(() => partner.Configure(stored with { Token = "token-new" }));

        Assert.Equal("token-swf-config.test", (await partner.GetConfig())!.Token);
    }

    [Fact]
    public async Task A_report_for_an_ordered_partner_is_acknowledged_only_once_the_queue_holding_it_is_stored()
    {
        // Ordered partners get every state because their queue survives a crash. The queue write failed, was only
        // logged, and the report was acknowledged: a crash then lost the state for good (the ledger knows only the
        // latest). Now the hand-off is refused and handed over again, and the acknowledgement waits for that.
        const string Host = "swf-ordered.test";
        var hold = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = false;
        var respond = fixture.Cluster.Partners.Respond;
        fixture.Cluster.Partners.Respond = r => r.Url.Host == Host && Volatile.Read(ref holding) ? hold.Task : respond(r);
        try
        {
            var kit = new PartnerTestKit(fixture.Cluster);
            await kit.PutLocationAsync("SWF-O1", 1);
            var id = await kit.AddPartnerAsync(Host, DeliveryMode.Ordered, "SWF-O1");
            var partner = Client.GetGrain<IPartnerGrain>(id);
            await Eventually.True(() => partner.GetHealth().Result is { QueueDepth: 0, InFlight: 0, PendingLocationPuts: 0 }, "the first PUT delivered");

            // A silo's fan-out learns of an ordered partner with the first batch it hands over (before that it answers
            // without waiting): one report first, delivered.
            Assert.Equal(StatusReportOutcome.Applied, await kit.ReportAsync("SWF-O1", 1, EvseStatus.Blocked, PartnerTestKit.T0));
            await Eventually.True(() => partner.GetHealth().Result is { QueueDepth: 0, InFlight: 0 }, "the first PATCH delivered");

            Volatile.Write(ref holding, true); // the PATCH stays in flight: nothing else writes the queue meanwhile
            fixture.Cluster.Storage.FailingQueueWrites[id] = true;
            Assert.Equal(StatusReportOutcome.Applied, await kit.ReportAsync("SWF-O1", 1, EvseStatus.Charging, PartnerTestKit.T0.AddSeconds(1)));

            var version = (await fixture.Cluster.Storage.ReadAsync("SWF-O1", "SWF-O1-E1"))!.Version;
            var stored = await StoredQueueAsync(id);
            var health = await partner.GetHealth();
            Assert.True(stored.Messages.Any(m => m.Change is { EvseUid: "SWF-O1-E1" } c && c.Version == version),
                $"v{version}; stored: {string.Join(", ", stored.Messages.Select(m => $"{m.LocationId}/{m.Change?.EvseUid}/v{m.Change?.Version}"))} next {stored.NextSeq}; health q={health.QueueDepth} inflight={health.InFlight} err={health.LastError}");
        }
        finally
        {
            hold.TrySetResult(StubPartnerHandler.Ok());
            fixture.Cluster.Partners.Respond = respond;
        }
    }

    private async Task<OrderedQueueState> StoredQueueAsync(string partnerId)
    {
        var store = fixture.Cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IPartnerQueueStore>();
        return OrderedQueueRows.ToState(await store.ReadAsync(partnerId)) ?? new OrderedQueueState();
    }
}
