using System.Collections.Immutable;
using StatusGrid.Contracts.Evses;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// The <c>ordered</c> delivery mode's queue, without I/O: every distinct state of an EVSE, in the order the partner
/// got them, FIFO per location (a Location's PUT and its EVSEs' PATCHes share one lane, one request in flight), lanes
/// served oldest head first, a message leaving only on 2xx (or a refusal, recorded). Bounded: past
/// <c>limit</c> messages, a new state of an EVSE that already has one queued replaces its newest queued state instead
/// of joining (counted in <see cref="Overflowed"/>): the latest state still arrives, intermediate ones may not, and the
/// queue cannot grow beyond the bound by more than one message per EVSE.
/// </summary>
internal sealed partial class OrderedQueue
{
    private readonly Dictionary<string, LinkedList<OrderedMessage>> _lanes = [];
    private readonly SortedSet<(long Seq, string Lane)> _ready = [];
    private readonly HashSet<string> _inFlight = [];

    /// <summary>Per EVSE: the highest version queued or delivered; a state at or below it is never queued again.</summary>
    private readonly Dictionary<string, long> _highest = [];

    /// <summary>
    /// Per EVSE: the newest state any message of this activation carries, PATCH or PUT, restored ones included (a PUT
    /// captured from a lagging read must not carry older). Dropped when the ledger shows a newer version delivered.
    /// </summary>
    private readonly Dictionary<string, CapturedEvse> _latest = [];

    private readonly OrderedStamps _stamps = new();

    private long _nextSeq = 1;

    public int Count { get; private set; }

    public int InFlight => _inFlight.Count;

    public long Overflowed { get; private set; }

    /// <summary>Messages dropped because a PUT that went before them already carried a newer state (amnesia recovery).</summary>
    public long Superseded { get; private set; }

    public long NextSeq => _nextSeq;

    public bool Knows(string evseKey) => _highest.ContainsKey(evseKey);

    /// <summary>What the delivery ledger says the partner holds (read before an EVSE's first state is queued).</summary>
    public void Learn(string evseKey, long deliveredVersion)
    {
        _highest[evseKey] = Math.Max(_highest.GetValueOrDefault(evseKey), deliveredVersion);
        if (_latest.TryGetValue(evseKey, out var carried) && carried.Version < deliveredVersion)
        {
            _latest.Remove(evseKey); // the partner holds a newer state than any message here: the store's goes next
        }
    }

    /// <summary>A message carries <paramref name="evse"/>: no later PUT carries an older state of it.</summary>
    private void Carried(string evseKey, CapturedEvse evse)
    {
        _highest[evseKey] = Math.Max(_highest.GetValueOrDefault(evseKey), evse.Version);
        if (!_latest.TryGetValue(evseKey, out var carried) || evse.Version >= carried.Version)
        {
            _latest[evseKey] = evse;
        }
    }

    public void Clear()
    {
        _lanes.Clear();
        _ready.Clear();
        _inFlight.Clear();
        _latest.Clear();
        _uncertain.Clear();
        _stamps.ClearQueued();
        Count = 0;
        // The store is emptied with the queue (the grain deletes its rows); what was sent still guards, so it is
        // written again with the next save.
        _changed.Clear();
        _stamps.MarkAllSentChanged();
    }

    /// <summary>The state to send for an EVSE (see <see cref="OrderedStamps.Sending"/>).</summary>
    public CapturedEvse Sending(string evseKey, CapturedEvse evse) => _stamps.Sending(evseKey, evse);

    public CapturedEvse Sending(EvseStatusChange change) => Sending(EvseKey.Evse(change.LocationId, change.EvseUid), Captured(change));

    /// <summary>See <see cref="OrderedStamps.SentNewer"/>.</summary>
    public bool SentNewer(string evseKey, long version) => _stamps.SentNewer(evseKey, version);

    /// <param name="recovered">Read from the store by reconcile rather than handed over by the fan-out.</param>
    /// <returns>False when the state is not newer than what is queued or delivered for its EVSE (nothing queued).</returns>
    public bool OfferPatch(EvseStatusChange change, DateTimeOffset now, int limit, bool recovered = false)
    {
        var key = EvseKey.Evse(change.LocationId, change.EvseUid);
        if (_stamps.SentAtLeast(key, change.Version))
        {
            // Sent already: its message is still queued (a retry goes from there) or it left the queue settled. Only
            // the sent state knows that after a restart, when the ledger has not caught up with the last answers.
            return false;
        }

        if (change.Version <= _highest.GetValueOrDefault(key))
        {
            return !recovered && InsertBeforeRecovered(change, key, now);
        }

        change = change with { LastUpdated = _stamps.Queued(key, change.LastUpdated, change.Version) };
        Carried(key, Captured(change));
        if (recovered)
        {
            Append(new OrderedMessage(_nextSeq++, change.LocationId, change, [], now) { Recovered = true });
            return true;
        }

        if (Count >= limit && NewestQueued(change.LocationId, key) is { } newest)
        {
            // At the bound: replace the EVSE's newest queued state (never one in flight), keeping its place.
            newest.Value = newest.Value with { Change = change };
            Changed(newest.Value);
            Overflowed++;
            return true;
        }

        Append(new OrderedMessage(_nextSeq++, change.LocationId, change, [], now));
        return true;
    }

    /// <summary>
    /// Queues a PUT carrying <paramref name="evses"/> (as <see cref="InQueueOrder"/> makes them). A queued PATCH of a
    /// state the PUT carries (same EVSE, same version) that has not gone yet is dropped, counted in
    /// <see cref="Superseded"/>: the PUT delivers that state, and the partner would otherwise take it twice in a row.
    /// Each EVSE's states still arrive in order: the PUT carries the newest queued one, its older ones go before it.
    /// </summary>
    public void OfferPut(string locationId, ImmutableArray<CapturedEvse> evses, DateTimeOffset now)
    {
        var carried = InQueueOrder(locationId, evses);
        var lane = EvseBacklog.LocationKey(locationId);
        if (_lanes.TryGetValue(lane, out var queue))
        {
            var versions = carried.ToDictionary(e => e.EvseUid, e => e.Version, StringComparer.OrdinalIgnoreCase);
            var sending = _inFlight.Contains(lane) ? queue.First : null;
            for (var node = queue.First; node is not null;)
            {
                var next = node.Next;
                if (node != sending && node.Value.Change is { } c && versions.TryGetValue(c.EvseUid, out var v) && v == c.Version)
                {
                    Unlink(lane, queue, node);
                    Superseded++;
                }

                node = next;
            }
        }

        Append(new OrderedMessage(_nextSeq++, locationId, null, carried, now));
    }

    /// <summary>
    /// The EVSE states a PUT joining the queue now must carry: for an EVSE whose states this activation queued, the
    /// newest of those (the store may already hold newer ones the fan-out has yet to hand over: they follow as
    /// PATCHes); for any other EVSE the store's state, which then counts as queued.
    /// </summary>
    private ImmutableArray<CapturedEvse> InQueueOrder(string locationId, ImmutableArray<CapturedEvse> evses)
    {
        var result = ImmutableArray.CreateBuilder<CapturedEvse>(evses.Length);
        foreach (var evse in evses)
        {
            var key = EvseKey.Evse(locationId, evse.EvseUid);
            var carried = evse;
            if (_latest.TryGetValue(key, out var queued))
            {
                // The same status version may carry a newer document stamp: keep the later one.
                var at = queued.Version == evse.Version && evse.LastUpdated > queued.LastUpdated ? evse.LastUpdated : queued.LastUpdated;
                carried = evse with { Status = queued.Status, LastUpdated = at, Version = queued.Version };
            }

            carried = carried with { LastUpdated = _stamps.Queued(key, carried.LastUpdated, carried.Version) };
            Carried(key, carried);
            result.Add(carried);
        }

        return result.MoveToImmutable();
    }

    private static CapturedEvse Captured(EvseStatusChange change) => new(change.EvseUid, change.Status, change.LastUpdated, change.Version);

    /// <summary>The oldest head among lanes with nothing in flight (a PATCH older than what was sent is dropped).</summary>
    public bool TryTake(out OrderedMessage message)
    {
        while (_ready.Count > 0)
        {
            var (seq, lane) = _ready.Min;
            _ready.Remove((seq, lane));
            var queue = _lanes[lane];
            if (queue.First!.Value.Change is { } c && _stamps.SentNewer(EvseKey.Evse(c.LocationId, c.EvseUid), c.Version))
            {
                // A newer state of the EVSE went out already (in a PUT that had to go first, or before a restart):
                // this one would take the partner back. Dropped, counted; the lane's next message is looked at.
                Dropped(queue.First.Value);
                queue.RemoveFirst();
                Count--;
                Superseded++;
                ScheduleOrDrop(lane, queue);
                continue;
            }

            _inFlight.Add(lane);
            message = queue.First.Value;
            return true;
        }

        message = null!;
        return false;
    }

    /// <summary>
    /// The head was delivered (2xx) or refused: it leaves the queue, but its lane stays busy until <see cref="Release"/>,
    /// which the grain calls once the removal is persisted; so after a crash at most the last message sent on a lane is
    /// sent again, never one older than what the partner already got.
    /// </summary>
    public void Remove(OrderedMessage message)
    {
        if (_lanes.TryGetValue(EvseBacklog.LocationKey(message.LocationId), out var queue) && queue.First?.Value.Seq == message.Seq)
        {
            Dropped(queue.First.Value);
            queue.RemoveFirst();
            Count--;
        }
    }

    /// <summary>Frees the message's lane: its head (the same message after a failure, else the next) may go.</summary>
    public void Release(OrderedMessage message)
    {
        var lane = EvseBacklog.LocationKey(message.LocationId);
        if (_inFlight.Remove(lane) && _lanes.TryGetValue(lane, out var queue))
        {
            ScheduleOrDrop(lane, queue);
        }
    }

    public DateTimeOffset? OldestSince() =>
        _lanes.Values.Where(l => l.Count > 0).Select(l => (DateTimeOffset?)l.First!.Value.Since).DefaultIfEmpty(null).Min();

    private LinkedListNode<OrderedMessage>? NewestQueued(string locationId, string evseKey)
    {
        var lane = EvseBacklog.LocationKey(locationId);
        if (!_lanes.TryGetValue(lane, out var queue))
        {
            return null;
        }

        for (var node = queue.Last; node is not null; node = node.Previous)
        {
            if (node.Value.Change is { } c && EvseKey.Evse(c.LocationId, c.EvseUid) == evseKey)
            {
                return node == queue.First && _inFlight.Contains(lane) ? null : node;
            }

            if (node.Value.IsPut)
            {
                return null; // replacing a state queued before a PUT would move it across the PUT
            }
        }

        return null;
    }
}
