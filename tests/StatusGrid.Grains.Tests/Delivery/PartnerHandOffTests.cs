using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Fanout;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>
/// The fan-out's partner side without a cluster. An EVSE's report is answered only once the fan-out says every ordered
/// partner holds the change, so whatever this waits for, ingest waits for too: in the 3-silo SIGKILL runs a freshly
/// started silo (which had not read the partner directory yet) held every report until all partner grains, ordered
/// or not, had taken the batch, and reports were answered 503 after the full 3 s grain timeout.
/// </summary>
public sealed class PartnerHandOffTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_publisher_is_answered_as_soon_as_the_directory_shows_no_ordered_partner_while_a_partner_grain_has_not_taken_the_batch()
    {
        var latest = new FakePartner(blocked: true);
        var handOff = HandOff(() => [Subscription("P-LATEST")], new() { ["P-LATEST"] = latest });
        Assert.True(handOff.MayHaveOrderedPartners); // a fresh silo: nothing read yet, so publishers wait

        var publisher = Waiter();
        var sending = handOff.SendAsync([Change(1)], [], [publisher]);

        Assert.True(await publisher.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(sending.IsCompleted); // the drain still waits for the partner grain: back-pressure stays
        Assert.False(handOff.MayHaveOrderedPartners);
        latest.Release();
        await sending;
        Assert.Single(latest.Received);
    }

    [Fact]
    public async Task With_an_ordered_partner_a_publisher_waits_for_it_and_not_for_a_latest_partner_grain()
    {
        var latest = new FakePartner(blocked: true);
        var ordered = new FakePartner(blocked: false);
        var handOff = HandOff(
            () => [Subscription("P-LATEST"), Subscription("P-ORDERED") with { Ordered = true }],
            new() { ["P-LATEST"] = latest, ["P-ORDERED"] = ordered });

        var publisher = Waiter();
        var sending = handOff.SendAsync([Change(1)], [], [publisher]);

        Assert.True(await publisher.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(ordered.Received);
        Assert.Empty(latest.Received);
        latest.Release();
        await sending;
    }

    [Fact]
    public async Task An_ordered_partner_that_has_not_taken_the_batch_keeps_its_publisher_waiting()
    {
        var ordered = new FakePartner(blocked: true);
        var handOff = HandOff(() => [Subscription("P-ORDERED") with { Ordered = true }], new() { ["P-ORDERED"] = ordered });

        var publisher = Waiter();
        var sending = handOff.SendAsync([Change(1)], [], [publisher]);

        await Task.Delay(200);
        Assert.False(publisher.Task.IsCompleted);
        ordered.Release();
        Assert.True(await publisher.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await sending;
    }

    [Fact]
    public async Task When_the_directory_cannot_be_read_the_batch_goes_to_the_partners_of_the_last_read()
    {
        var latest = new FakePartner(blocked: false);
        var reachable = true;
        var handOff = HandOff(
            () => reachable ? [Subscription("P-LATEST")] : throw new TimeoutException("the directory grain's silo died"),
            new() { ["P-LATEST"] = latest });
        await handOff.SendAsync([Change(1)], [], []);

        reachable = false;
        var publisher = Waiter();
        await handOff.SendAsync([Change(2)], [], [publisher]);

        Assert.True(await publisher.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([1L, 2L], latest.Received.Select(c => c.Version).Order());
    }

    [Fact]
    public async Task Before_any_directory_read_succeeded_a_failed_read_tells_the_publisher_its_change_was_not_handed_over()
    {
        var handOff = HandOff(() => throw new TimeoutException("the directory grain's silo died"), []);

        var publisher = Waiter();
        await handOff.SendAsync([Change(1)], [], [publisher]);

        // The EVSE grain then answers "report it again": an ordered partner may exist, and nobody has its changes.
        Assert.False(await publisher.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(handOff.MayHaveOrderedPartners);
    }

    private static PartnerHandOff HandOff(Func<ImmutableArray<PartnerSubscription>> directory, Dictionary<string, FakePartner> partners) =>
        new(
            () => Task.FromResult(directory()),
            id => partners[id],
            new OrderedHandOffs(TimeProvider.System, () => TimeSpan.FromSeconds(5), NullLogger.Instance),
            NullLogger.Instance);

    private static PartnerSubscription Subscription(string partnerId) => new(partnerId, PartnerFilter.Default, ReceivesPushes: true);

    private static EvseStatusChange Change(long version) =>
        new("L1", "E1", "NL", "SGR", Publish: true, EvseStatus.Charging, T0.AddSeconds(version), version);

    private static TaskCompletionSource<bool> Waiter() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A partner grain that takes batches at once, or only once released (its silo is dying, or it is busy).</summary>
    private sealed class FakePartner(bool blocked) : IPartnerGrain
    {
        private readonly TaskCompletionSource _release = CompletedUnless(blocked);

        public ConcurrentQueue<EvseStatusChange> Received { get; } = new();

        public void Release() => _release.TrySetResult();

        public async Task EnqueueStatusChanges(ImmutableArray<EvseStatusChange> changes)
        {
            await _release.Task;
            foreach (var change in changes)
            {
                Received.Enqueue(change);
            }
        }

        public async Task EnqueueLocationPuts(ImmutableArray<string> locationIds) => await _release.Task;

        private static TaskCompletionSource CompletedUnless(bool blocked)
        {
            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!blocked)
            {
                source.SetResult();
            }

            return source;
        }

        public Task Configure(PartnerConfig config) => throw new NotSupportedException();

        public Task<PartnerConfig?> GetConfig() => throw new NotSupportedException();

        public Task Remove() => throw new NotSupportedException();

        public Task<PartnerHealth> GetHealth() => throw new NotSupportedException();

        public Task Reconcile() => throw new NotSupportedException();

        public Task<int> Resync() => throw new NotSupportedException();

        public Task<HubClientPutOutcome> PutHubClient(HubClient client) => throw new NotSupportedException();

        public Task<HubClient?> GetHubClient(string countryCode, string partyId) => throw new NotSupportedException();

        public Task<ImmutableArray<HubClient>> GetHubClients() => throw new NotSupportedException();

        public Task HubClientsChanged() => throw new NotSupportedException();
    }
}
