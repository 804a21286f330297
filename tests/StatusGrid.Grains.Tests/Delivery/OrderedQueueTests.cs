using System.Collections.Immutable;
using StatusGrid.Contracts.Evses;
using StatusGrid.Grains.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>The <c>ordered</c> delivery mode's queue on its own (no cluster, no I/O): FIFO, the bound, and its durable form (as rows).</summary>
public sealed class OrderedQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void States_of_one_evse_leave_in_order_one_at_a_time_and_a_failed_one_goes_again()
    {
        var queue = new OrderedQueue();
        Assert.True(queue.OfferPatch(Change("L1", "E1", 1, EvseStatus.Charging), T0, limit: 100));
        Assert.True(queue.OfferPatch(Change("L1", "E1", 2, EvseStatus.Available), T0, limit: 100));

        Assert.True(queue.TryTake(out var first));
        Assert.Equal(1, first.Change!.Version);
        Assert.False(queue.TryTake(out _)); // one request in flight per location

        queue.Release(first); // failed: not removed, so it is the head again
        Assert.True(queue.TryTake(out var again));
        Assert.Equal(first, again);

        queue.Remove(again);
        queue.Release(again);
        Assert.True(queue.TryTake(out var second));
        Assert.Equal(2, second.Change!.Version);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void A_locations_put_keeps_its_place_between_the_patches_before_and_after_it_and_carries_the_state_queued_before_it()
    {
        var queue = new OrderedQueue();
        queue.OfferPatch(Change("L1", "E1", 1, EvseStatus.Charging), T0, limit: 100);
        queue.OfferPatch(Change("L1", "E1", 2, EvseStatus.Available, seconds: 1), T0, limit: 100);
        // The store already holds version 3 (not handed over yet): the PUT must carry version 2, the newest queued.
        queue.OfferPut("L1", [new CapturedEvse("E1", EvseStatus.Blocked, T0.AddSeconds(2), 3), new CapturedEvse("E2", EvseStatus.Reserved, T0, 7)], T0);
        queue.OfferPatch(Change("L1", "E1", 3, EvseStatus.Blocked, seconds: 2), T0, limit: 100);

        var taken = Drain(queue);
        // Version 2 goes in the PUT, not also as a PATCH before it (the partner would take it twice in a row).
        Assert.Equal(["PATCH E1 v1", "PUT", "PATCH E1 v3"], taken.Select(Describe));
        var put = taken[1].Evses.ToDictionary(e => e.EvseUid);
        Assert.Equal((EvseStatus.Available, 2L), (put["E1"].Status, put["E1"].Version));
        Assert.Equal((EvseStatus.Reserved, 7L), (put["E2"].Status, put["E2"].Version));
        Assert.Equal(1, queue.Superseded);
        Assert.False(queue.OfferPatch(Change("L1", "E2", 7, EvseStatus.Reserved), T0, limit: 100)); // the PUT carried it
    }

    [Fact]
    public void A_patch_already_on_its_way_when_a_put_carrying_its_state_is_queued_still_counts_as_sent()
    {
        var queue = new OrderedQueue();
        queue.OfferPatch(Change("L1", "E1", 1, EvseStatus.Charging), T0, limit: 100);
        Assert.True(queue.TryTake(out var sending));
        queue.OfferPut("L1", [new CapturedEvse("E1", EvseStatus.Charging, T0, 1)], T0);

        queue.Remove(sending);
        queue.Release(sending);
        Assert.Equal(["PUT"], Drain(queue).Select(Describe));
        Assert.Equal(0, queue.Superseded);
    }

    [Fact]
    public void Locations_are_served_side_by_side_oldest_head_first()
    {
        var queue = new OrderedQueue();
        queue.OfferPatch(Change("L2", "E1", 1, EvseStatus.Charging), T0, limit: 100);
        queue.OfferPatch(Change("L1", "E1", 1, EvseStatus.Charging), T0, limit: 100);
        queue.OfferPatch(Change("L2", "E1", 2, EvseStatus.Available), T0, limit: 100);

        Assert.True(queue.TryTake(out var a));
        Assert.True(queue.TryTake(out var b));
        Assert.Equal(("L2", "L1"), (a.LocationId, b.LocationId));
        Assert.Equal(2, queue.InFlight);
        Assert.False(queue.TryTake(out _));
    }

    [Fact]
    public void A_state_not_newer_than_one_delivered_or_queued_is_not_queued_again()
    {
        var queue = new OrderedQueue();
        queue.Learn(EvseKey.Evse("L1", "E1"), 5); // the ledger: the partner holds version 5
        Assert.False(queue.OfferPatch(Change("L1", "E1", 5, EvseStatus.Charging), T0, limit: 100));
        Assert.True(queue.OfferPatch(Change("L1", "E1", 6, EvseStatus.Available), T0, limit: 100));
        Assert.False(queue.OfferPatch(Change("L1", "E1", 6, EvseStatus.Available), T0, limit: 100));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void At_the_bound_a_new_state_replaces_the_evses_newest_queued_one_counted_and_the_latest_still_arrives()
    {
        var queue = new OrderedQueue();
        queue.OfferPatch(Change("L1", "E1", 1, EvseStatus.Charging), T0, limit: 2);
        queue.OfferPatch(Change("L1", "E1", 2, EvseStatus.Available), T0, limit: 2);
        Assert.True(queue.OfferPatch(Change("L1", "E1", 3, EvseStatus.Blocked), T0, limit: 2));

        Assert.Equal(2, queue.Count);
        Assert.Equal(1, queue.Overflowed);
        Assert.Equal(["PATCH E1 v1", "PATCH E1 v3"], Drain(queue).Select(Describe));
    }

    [Fact]
    public void At_the_bound_a_state_in_flight_or_queued_before_a_put_is_never_replaced()
    {
        var queue = new OrderedQueue();
        queue.OfferPatch(Change("L1", "E1", 1, EvseStatus.Charging), T0, limit: 1);
        Assert.True(queue.TryTake(out var inFlight));
        queue.OfferPatch(Change("L1", "E1", 2, EvseStatus.Available), T0, limit: 1); // over the bound, but v1 is on the wire
        queue.OfferPut("L1", [new CapturedEvse("E2", EvseStatus.Available, T0, 5)], T0); // a PUT of the location's other EVSE
        queue.OfferPatch(Change("L1", "E1", 3, EvseStatus.Blocked), T0, limit: 1); // v2 is before the PUT: appended

        Assert.Equal(0, queue.Overflowed);
        Assert.Equal(4, queue.Count);
        queue.Remove(inFlight);
        queue.Release(inFlight);
        Assert.Equal(["PATCH E1 v2", "PUT", "PATCH E1 v3"], Drain(queue).Select(Describe));
    }

    [Fact]
    public void The_durable_form_restores_the_same_order_bound_count_known_versions_and_sent_stamps()
    {
        var queue = new OrderedQueue();
        queue.OfferPatch(Change("L1", "E1", 1, EvseStatus.Charging), T0, limit: 2);
        queue.OfferPatch(Change("L2", "E1", 1, EvseStatus.Reserved), T0, limit: 2);
        queue.OfferPatch(Change("L1", "E1", 2, EvseStatus.Available), T0, limit: 2); // at the bound: replaces v1 (counted)
        queue.OfferPatch(Change("L1", "E1", 3, EvseStatus.Blocked), T0, limit: 2);
        var sentAt = queue.Sending(EvseKey.Evse("L1", "E9"), new CapturedEvse("E9", EvseStatus.Charging, T0.AddMinutes(5), 4)).LastUpdated;

        var restored = new OrderedQueue();
        restored.Restore(Stored(queue));

        Assert.Equal(queue.Count, restored.Count);
        Assert.Equal(queue.Overflowed, restored.Overflowed);
        Assert.Equal(Drain(queue).Select(Describe), Drain(restored).Select(Describe));
        Assert.False(restored.OfferPatch(Change("L1", "E1", 3, EvseStatus.Blocked), T0, limit: 100)); // already queued before
        Assert.Equal(sentAt, restored.Sending(EvseKey.Evse("L1", "E9"), new CapturedEvse("E9", EvseStatus.Available, T0, 5)).LastUpdated); // last_updated sent never goes back
        Assert.True(restored.SentNewer(EvseKey.Evse("L1", "E9"), 3)); // nor does the state
    }

    [Fact]
    public void A_partner_that_lost_the_location_gets_a_put_first_and_the_patches_it_supersedes_are_dropped_counted()
    {
        var queue = new OrderedQueue();
        queue.OfferPatch(Change("L1", "E1", 1, EvseStatus.Charging), T0, limit: 100);
        queue.OfferPatch(Change("L1", "E1", 2, EvseStatus.Available), T0, limit: 100);
        queue.OfferPatch(Change("L1", "E1", 3, EvseStatus.Blocked), T0, limit: 100);
        Assert.True(queue.TryTake(out var failed));

        // The PUT carries E1 as newest queued (v3, not the store's v2 read for it): every queued state of E1 is in it.
        queue.PutFirst(failed, [new CapturedEvse("E1", EvseStatus.Available, T0, 2)]);
        queue.OfferPatch(Change("L1", "E2", 1, EvseStatus.Reserved), T0, limit: 100);
        queue.Release(failed);

        Assert.Equal(3, queue.Superseded);
        var taken = Drain(queue);
        Assert.Equal(["PUT", "PATCH E2 v1"], taken.Select(Describe));
        Assert.Equal((EvseStatus.Blocked, 3L), (taken[0].Evses.Single().Status, taken[0].Evses.Single().Version));
    }

    [Fact]
    public void After_a_restore_a_put_never_carries_a_state_older_than_one_a_queued_put_already_carries()
    {
        // Seen in the model check: the queue held PATCH v1 then a PUT carrying v2 (the store's state when it was
        // queued); the next activation took v1 as the EVSE's newest queued state, and the next PUT carried v1 under
        // v2's stamp, so the partner went back to CHARGING and no resync could repair it.
        var restored = new OrderedQueue();
        restored.Restore(new OrderedQueueState
        {
            Messages =
            [
                new OrderedMessage(1, "L1", Change("L1", "E1", 1, EvseStatus.Charging), [], T0),
                new OrderedMessage(2, "L1", null, [new CapturedEvse("E1", EvseStatus.Available, T0.AddSeconds(2), 2)], T0),
            ],
            NextSeq = 3,
        });

        restored.OfferPut("L1", [new CapturedEvse("E1", EvseStatus.Available, T0.AddSeconds(2), 2)], T0);

        var last = Drain(restored).Last();
        Assert.Equal((EvseStatus.Available, 2L), (last.Evses.Single().Status, last.Evses.Single().Version));
    }

    [Fact]
    public void A_put_carries_the_newest_state_any_message_before_it_carried_for_each_evse()
    {
        var queue = new OrderedQueue();
        queue.OfferPatch(Change("L1", "E1", 1, EvseStatus.Charging), T0, limit: 100);
        Assert.True(queue.TryTake(out var failed));

        // The partner lost the location: the PUT first carries v1 (the newest queued), then the store's v2 arrives in
        // a PUT of its own; the PUT after that must carry v2 at least, never v1 again.
        queue.PutFirst(failed, [new CapturedEvse("E1", EvseStatus.Charging, T0.AddSeconds(1), 1)]);
        queue.Release(failed);
        queue.Learn(EvseKey.Evse("L1", "E1"), 2); // the ledger says the partner got v2 (an earlier activation's PUT)
        queue.OfferPut("L1", [new CapturedEvse("E1", EvseStatus.Available, T0.AddSeconds(2), 2)], T0);

        var last = Drain(queue).Last();
        Assert.Equal((EvseStatus.Available, 2L), (last.Evses.Single().Status, last.Evses.Single().Version));
    }

    [Fact]
    public void A_state_queued_after_a_put_that_carried_its_evse_at_a_later_stamp_goes_out_just_after_that_stamp()
    {
        // An edit stamped the EVSE (5 s) without a new status: the PUT carries CHARGING at 5 s. AVAILABLE, observed at
        // 2 s but handed over after the PUT, must reach the partner as newer, not at 5 s again: a partner that keeps
        // the state it holds for an equal last_updated would stay at CHARGING.
        var queue = new OrderedQueue();
        queue.OfferPatch(Change("L1", "E1", 1, EvseStatus.Charging, seconds: 1), T0, limit: 100);
        queue.OfferPut("L1", [new CapturedEvse("E1", EvseStatus.Charging, T0.AddSeconds(5), 1)], T0);
        queue.OfferPut("L1", [new CapturedEvse("E1", EvseStatus.Charging, T0.AddSeconds(5), 1)], T0); // the same state again
        queue.OfferPatch(Change("L1", "E1", 2, EvseStatus.Available, seconds: 2), T0, limit: 100);

        var taken = Drain(queue);
        Assert.Equal(["PUT", "PUT", "PATCH E1 v2"], taken.Select(Describe)); // the PUT carries v1 (its PATCH is dropped)
        Assert.Equal(T0.AddSeconds(5), taken[0].Evses.Single().LastUpdated);
        Assert.Equal(T0.AddSeconds(5), taken[1].Evses.Single().LastUpdated); // unchanged state, unchanged stamp
        Assert.Equal(T0.AddSeconds(5).AddMilliseconds(1), taken[2].Change!.LastUpdated);
    }

    [Fact]
    public void After_a_restore_a_new_state_goes_out_after_the_stamp_last_sent_for_its_evse()
    {
        var queue = new OrderedQueue();
        queue.OfferPatch(Change("L1", "E1", 1, EvseStatus.Charging, seconds: 5), T0, limit: 100);
        Assert.True(queue.TryTake(out var sent));
        Assert.Equal(T0.AddSeconds(5), queue.Sending(sent.Change!).LastUpdated);
        queue.Remove(sent);
        queue.Release(sent);
        var restored = new OrderedQueue();
        restored.Restore(Stored(queue));

        restored.OfferPatch(Change("L1", "E1", 2, EvseStatus.Available, seconds: 3), T0, limit: 100);

        Assert.True(restored.TryTake(out var next));
        Assert.Equal(T0.AddSeconds(5).AddMilliseconds(1), restored.Sending(next.Change!).LastUpdated);
    }

    [Fact]
    public void A_put_that_goes_first_for_a_partner_that_lost_the_location_is_not_followed_by_an_older_state_of_an_evse()
    {
        // Seen in the model check: the amnesia PUT went first with E1 at v3, then a PUT queued before it still carried
        // E1 at v2, so the partner went back (under v3's stamp, as stamps never go back).
        var queue = new OrderedQueue();
        queue.OfferPatch(Change("L1", "E9", 1, EvseStatus.Charging), T0, limit: 100);
        queue.OfferPut("L1", [new CapturedEvse("E1", EvseStatus.Available, T0.AddSeconds(2), 2)], T0);
        queue.OfferPatch(Change("L1", "E1", 3, EvseStatus.Reserved), T0, limit: 100);
        Assert.True(queue.TryTake(out var failed)); // PATCH E9: "unknown object"

        queue.PutFirst(failed, [new CapturedEvse("E1", EvseStatus.Reserved, T0.AddSeconds(3), 3), new CapturedEvse("E9", EvseStatus.Charging, T0.AddSeconds(1), 1)]);
        queue.Release(failed);

        var taken = Drain(queue);
        Assert.Equal(["PUT", "PUT"], taken.Select(Describe));
        Assert.All(taken, put => Assert.Equal((EvseStatus.Reserved, 3L), put.Evses.Where(e => e.EvseUid == "E1").Select(e => (e.Status, e.Version)).Single()));
        Assert.Equal(taken[0].Evses.Single(e => e.EvseUid == "E1").LastUpdated, taken[1].Evses.Single(e => e.EvseUid == "E1").LastUpdated);
    }

    [Fact]
    public void A_state_older_than_one_already_sent_for_its_evse_is_never_sent()
    {
        // The last guard of "never older after newer": however a message got behind a newer one (a PUT that went
        // first, a restore, a recovered state), what goes out for an EVSE is never older than what went before.
        var queue = new OrderedQueue();
        var key = EvseKey.Evse("L1", "E1");
        var newer = new CapturedEvse("E1", EvseStatus.Available, T0.AddSeconds(5), 5);
        queue.OfferPatch(Change("L1", "E1", 2, EvseStatus.Blocked), T0, limit: 100);
        queue.OfferPatch(Change("L1", "E2", 1, EvseStatus.Blocked), T0, limit: 100);
        Assert.Equal(newer, queue.Sending(key, newer)); // e.g. in a PUT that had to go first

        Assert.True(queue.SentNewer(key, 2));
        Assert.False(queue.SentNewer(key, 5)); // the same state again (a retry) goes
        Assert.False(queue.OfferPatch(Change("L1", "E1", 3, EvseStatus.Reserved), T0, limit: 100)); // nor is one offered now queued
        Assert.Equal(["PATCH E2 v1"], Drain(queue).Select(Describe)); // version 2 of E1, queued before, is dropped, not sent
        Assert.Equal(1, queue.Superseded);
        Assert.Equal(newer, queue.Sending(key, new CapturedEvse("E1", EvseStatus.Blocked, T0.AddSeconds(2), 2))); // a PUT carries version 5 instead
        Assert.Equal(T0.AddSeconds(5), queue.Sending(key, newer with { LastUpdated = T0.AddSeconds(1) }).LastUpdated);

        var restored = new OrderedQueue();
        restored.Restore(Stored(queue));
        Assert.True(restored.SentNewer(key, 4));
        Assert.Equal(newer, restored.Sending(key, new CapturedEvse("E1", EvseStatus.Blocked, T0.AddSeconds(2), 2)));
    }

    [Fact]
    public void After_a_restore_a_state_already_sent_and_settled_is_not_queued_again_under_a_later_stamp()
    {
        // Seen in the chaos run with ordered partners (session 23): a silo died after the partner took a PATCH and
        // before the delivery ledger recorded it; the client's retry of that report was answered as a duplicate and
        // handed over again, the new activation learnt the EVSE from the lagging ledger, and queued the same state
        // 1 ms after its own stamp: the partner took it twice, the second time with a last_updated never observed.
        var queue = new OrderedQueue();
        queue.OfferPatch(Change("L1", "E1", 3, EvseStatus.Charging, seconds: 5), T0, limit: 100);
        Assert.True(queue.TryTake(out var sent));
        queue.Sending(sent.Change!);
        queue.Remove(sent);
        queue.Release(sent);
        var restored = new OrderedQueue();
        restored.Restore(Stored(queue));
        restored.Learn(EvseKey.Evse("L1", "E1"), 2); // the ledger had not recorded version 3 yet

        Assert.False(restored.OfferPatch(Change("L1", "E1", 3, EvseStatus.Charging, seconds: 5), T0, limit: 100));
        Assert.Equal(0, restored.Count);
        Assert.True(restored.OfferPatch(Change("L1", "E1", 4, EvseStatus.Available, seconds: 6), T0, limit: 100));
        Assert.Equal(["PATCH E1 v4"], Drain(restored).Select(Describe));
    }

    /// <summary>The queue as a restart reads it back: every change saved (as rows) and the rows read.</summary>
    private static OrderedQueueState Stored(OrderedQueue queue)
    {
        var rows = new MemoryQueueRows();
        rows.Save(queue.TakeChanges());
        return OrderedQueueRows.ToState(rows.Rows)!;
    }

    private static EvseStatusChange Change(string location, string evse, long version, EvseStatus status, int seconds = 0) =>
        new(location, evse, "NL", "SGR", true, status, T0.AddSeconds(seconds == 0 ? version : seconds), version, IsNew: false);

    /// <summary>Takes and delivers every message, lane by lane, in the order the queue hands them out.</summary>
    private static List<OrderedMessage> Drain(OrderedQueue queue)
    {
        var taken = new List<OrderedMessage>();
        while (queue.TryTake(out var message))
        {
            taken.Add(message);
            queue.Remove(message);
            queue.Release(message);
        }

        return taken;
    }

    private static string Describe(OrderedMessage message) =>
        message.Change is { } c ? $"PATCH {c.EvseUid} v{c.Version}" : "PUT";
}
