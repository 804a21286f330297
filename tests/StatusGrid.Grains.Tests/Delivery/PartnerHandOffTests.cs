using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Fanout;
using StatusGrid.Grains.Tests.Fakes;
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
        var latest = new HandOffPartner(blocked: true);
        var handOff = HandOff(() => [Subscription("P-LATEST")], new() { ["P-LATEST"] = latest });
        Assert.True(handOff.MayHaveOrderedPartners); // a fresh silo: nothing read yet, so publishers wait

        var publisher = Waiter();
        var sending = handOff.SendAsync([Change(1)], [], [publisher]);

        Assert.True(await publisher.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await sending.WaitAsync(TimeSpan.FromSeconds(10)); // nor does the fan-out's next batch wait for that grain
        Assert.False(handOff.MayHaveOrderedPartners);
        Assert.Empty(latest.Received);
        latest.Release();
        await Eventually.True(() => latest.Received.Count == 1, "the partner grain to get the change once it answers");
    }

    [Fact]
    public async Task A_read_that_found_no_ordered_partner_is_trusted_for_the_window_only_and_a_failed_read_renews_nothing()
    {
        // A partner registering as ordered waits the window after publishing its entry (PartnerGrain.Configure): a
        // silo that read the directory before must not go on answering reports unhanded after that.
        var time = new FakeTimeProvider(T0);
        var reachable = true;
        var handOff = HandOff(() => reachable ? [Subscription("P-LATEST")] : throw new TimeoutException("the directory grain's silo died"),
            new() { ["P-LATEST"] = new HandOffPartner(blocked: false) }, time: time);

        await handOff.SendAsync([Change(1)], [], []);
        Assert.False(handOff.MayHaveOrderedPartners);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(handOff.MayHaveOrderedPartners);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(handOff.MayHaveOrderedPartners);

        await handOff.SendAsync([Change(2)], [], []);
        Assert.False(handOff.MayHaveOrderedPartners);
        reachable = false;
        await handOff.SendAsync([Change(3)], [], []); // routed by the copy, which may miss a partner registered since
        Assert.True(handOff.MayHaveOrderedPartners);
    }

    [Fact]
    public async Task A_partner_grain_that_cannot_take_a_batch_holds_back_neither_the_next_batch_nor_the_other_partners()
    {
        // Seen in the 3-silo SIGKILL runs: Orleans holds a dead silo's partner grains under a directory lease for
        // about 22 s, and the fan-out waited for them before its next batch, so no partner and no dashboard got
        // anything from that silo meanwhile.
        var stuck = new HandOffPartner(blocked: true);
        var other = new HandOffPartner(blocked: false);
        var handOff = HandOff(() => [Subscription("P-STUCK"), Subscription("P-OTHER")], new() { ["P-STUCK"] = stuck, ["P-OTHER"] = other });

        await handOff.SendAsync([Change(1)], [], []).WaitAsync(TimeSpan.FromSeconds(10));
        await handOff.SendAsync([Change(2)], [], []).WaitAsync(TimeSpan.FromSeconds(10));

        await Eventually.True(() => other.Received.Count == 2, "the other partner to get both batches");
        Assert.Empty(stuck.Received);
        stuck.Release();
        await Eventually.True(() => stuck.Received.Count == 2, "the stuck partner to get both once it answers");
    }

    [Fact]
    public async Task An_ordered_partners_grain_that_cannot_take_a_batch_holds_back_only_its_own_hand_offs_and_gets_them_in_order()
    {
        var stuck = new HandOffPartner(blocked: true);
        var other = new HandOffPartner(blocked: false);
        var handOff = HandOff(
            () => [Subscription("P-ORDERED") with { Ordered = true }, Subscription("P-OTHER")],
            new() { ["P-ORDERED"] = stuck, ["P-OTHER"] = other });

        var first = Waiter();
        var second = Waiter();
        await handOff.SendAsync([Change(1)], [], [first]).WaitAsync(TimeSpan.FromSeconds(10));
        await handOff.SendAsync([Change(2)], [], [second]).WaitAsync(TimeSpan.FromSeconds(10));

        await Eventually.True(() => other.Received.Count == 2, "the other partner to get both batches");
        Assert.Equal(1, stuck.Calls); // the second hand-off waits behind the first instead of overtaking it
        Assert.False(first.Task.IsCompleted || second.Task.IsCompleted); // their publishers still wait (ordered)
        stuck.Release();
        Assert.True(await first.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await second.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([1L, 2L], stuck.Received.Select(c => c.Version));
    }

    [Fact]
    public async Task Changes_that_arrive_while_a_partners_call_is_in_flight_go_together_in_its_next_call()
    {
        var partner = new HandOffPartner(blocked: true);
        var handOff = HandOff(() => [Subscription("P-LATEST")], new() { ["P-LATEST"] = partner });

        await handOff.SendAsync([Change(1)], [], []);
        await Eventually.True(() => partner.Calls == 1, "the first call to be in flight");
        await handOff.SendAsync([Change(2)], [], []);
        await handOff.SendAsync([Change(3)], [new LocationPutRequest("L1", "NLD", Publish: true)], []);
        partner.Release();

        await Eventually.True(() => partner.Received.Count == 3 && !partner.Puts.IsEmpty, "every change to arrive");
        // One call in flight at a time; what waited for it went as one: the Location PUT, then changes 2 and 3.
        Assert.Equal(3, partner.Calls);
        Assert.Equal(["L1"], partner.Puts);
        Assert.Equal([1L, 2L, 3L], partner.Received.Select(c => c.Version));
    }

    [Fact]
    public async Task A_partner_grain_that_takes_nothing_for_long_leaves_what_waits_beyond_the_bound_to_the_ledger()
    {
        var partner = new HandOffPartner(blocked: true);
        var handOff = HandOff(() => [Subscription("P-LATEST")], new() { ["P-LATEST"] = partner }, maxPending: 2);

        await handOff.SendAsync([Change(1)], [], []);
        await Eventually.True(() => partner.Calls == 1, "the first call to be in flight");
        await handOff.SendAsync([Change(2), Change(3)], [], []);
        await handOff.SendAsync([Change(4)], [], []); // over the bound: 2 and 3 are dropped, the ledger still has them
        partner.Release();

        await Eventually.True(() => partner.Calls == 2, "the waiting change to go");
        Assert.Equal([1L, 4L], partner.Received.Select(c => c.Version));
    }

    [Fact]
    public async Task With_an_ordered_partner_a_publisher_waits_for_it_and_not_for_a_latest_partner_grain()
    {
        var latest = new HandOffPartner(blocked: true);
        var ordered = new HandOffPartner(blocked: false);
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
        var ordered = new HandOffPartner(blocked: true);
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
        var latest = new HandOffPartner(blocked: false);
        var reachable = true;
        var handOff = HandOff(
            () => reachable ? [Subscription("P-LATEST")] : throw new TimeoutException("the directory grain's silo died"),
            new() { ["P-LATEST"] = latest });
        await handOff.SendAsync([Change(1)], [], []);

        reachable = false;
        var publisher = Waiter();
        await handOff.SendAsync([Change(2)], [], [publisher]);

        Assert.True(await publisher.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await Eventually.True(() => latest.Received.Count == 2, "both batches to reach the partner");
        Assert.Equal([1L, 2L], latest.Received.Select(c => c.Version));
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

    private static PartnerHandOff HandOff(
        Func<ImmutableArray<PartnerSubscription>> directory, Dictionary<string, HandOffPartner> partners, int maxPending = 1000, TimeProvider? time = null) =>
        new(
            () => Task.FromResult(directory()),
            id => partners[id],
            new OrderedHandOffs(TimeProvider.System, () => TimeSpan.FromSeconds(5), NullLogger.Instance),
            NullLogger.Instance,
            time ?? TimeProvider.System,
            () => TimeSpan.FromMinutes(1),
            maxPendingPerPartner: maxPending);

    private static PartnerSubscription Subscription(string partnerId) => new(partnerId, PartnerFilter.Default, ReceivesPushes: true);

    private static EvseStatusChange Change(long version) =>
        new("L1", "E1", "NL", "SGR", Publish: true, EvseStatus.Charging, T0.AddSeconds(version), version);

    private static TaskCompletionSource<bool> Waiter() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
