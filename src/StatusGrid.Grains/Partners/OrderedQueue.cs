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
internal sealed class OrderedQueue
{
    private readonly Dictionary<string, LinkedList<OrderedMessage>> _lanes = [];
    private readonly SortedSet<(long Seq, string Lane)> _ready = [];
    private readonly HashSet<string> _inFlight = [];

    /// <summary>Per EVSE: the highest version queued or delivered; a state at or below it is never queued again.</summary>
    private readonly Dictionary<string, long> _highest = [];

    /// <summary>Per EVSE: the newest state queued this activation (a PUT captured from a lagging read must not carry older).</summary>
    private readonly Dictionary<string, EvseStatusChange> _latest = [];

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
    }

    public void Clear()
    {
        _lanes.Clear();
        _ready.Clear();
        _inFlight.Clear();
        Count = 0;
    }

    public void Restore(OrderedQueueState state)
    {
        _nextSeq = Math.Max(_nextSeq, state.NextSeq);
        Overflowed = state.Overflowed;
        foreach (var message in state.Messages.OrderBy(m => m.Seq))
        {
            Append(message);
            foreach (var (uid, version) in message.Change is { } c ? [(c.EvseUid, c.Version)] : message.Evses.Select(e => (e.EvseUid, e.Version)))
            {
                Learn(EvseKey.Evse(message.LocationId, uid), version);
            }
        }
    }

    public OrderedQueueState Snapshot() => new()
    {
        Messages = [.. _lanes.Values.SelectMany(l => l).OrderBy(m => m.Seq)],
        NextSeq = _nextSeq,
        Overflowed = Overflowed,
    };

    /// <returns>False when the state is not newer than what is queued or delivered for its EVSE (nothing queued).</returns>
    public bool OfferPatch(EvseStatusChange change, DateTimeOffset now, int limit)
    {
        var key = EvseKey.Evse(change.LocationId, change.EvseUid);
        if (change.Version <= _highest.GetValueOrDefault(key))
        {
            return false;
        }

        _highest[key] = change.Version;
        _latest[key] = change;
        if (Count >= limit && NewestQueued(change.LocationId, key) is { } newest)
        {
            // At the bound: replace the EVSE's newest queued state (never one in flight), keeping its place.
            newest.Value = newest.Value with { Change = change };
            Overflowed++;
            return true;
        }

        Append(new OrderedMessage(_nextSeq++, change.LocationId, change, [], now));
        return true;
    }

    /// <summary>Queues a PUT carrying <paramref name="evses"/>; the EVSEs' versions count as queued.</summary>
    public void OfferPut(string locationId, ImmutableArray<CapturedEvse> evses, DateTimeOffset now)
    {
        evses = [.. evses.Select(e => _latest.TryGetValue(EvseKey.Evse(locationId, e.EvseUid), out var newer) && newer.Version > e.Version
            ? e with { Status = newer.Status, LastUpdated = newer.LastUpdated, Version = newer.Version }
            : e)];
        foreach (var evse in evses)
        {
            var key = EvseKey.Evse(locationId, evse.EvseUid);
            _highest[key] = Math.Max(_highest.GetValueOrDefault(key), evse.Version);
        }

        Append(new OrderedMessage(_nextSeq++, locationId, null, evses, now));
    }

    /// <summary>The oldest head among lanes with nothing in flight.</summary>
    public bool TryTake(out OrderedMessage message)
    {
        if (_ready.Count == 0)
        {
            message = null!;
            return false;
        }

        var (_, lane) = _ready.Min;
        _ready.Remove(_ready.Min);
        _inFlight.Add(lane);
        message = _lanes[lane].First!.Value;
        return true;
    }

    /// <summary>Ends a request: <paramref name="delivered"/> (2xx, or refused) removes it; otherwise it stays at the head.</summary>
    public void Complete(OrderedMessage message, bool delivered)
    {
        var lane = EvseBacklog.LocationKey(message.LocationId);
        _inFlight.Remove(lane);
        var queue = _lanes[lane];
        if (delivered)
        {
            queue.RemoveFirst();
            Count--;
        }

        ScheduleOrDrop(lane, queue);
    }

    /// <summary>
    /// The partner forgot the location (a PATCH got "unknown object"): a PUT of its current document goes first,
    /// and the queued PATCHes it supersedes (at or below the versions it carries) are dropped, counted.
    /// </summary>
    public void PutFirst(OrderedMessage failedPatch, ImmutableArray<CapturedEvse> current)
    {
        var lane = EvseBacklog.LocationKey(failedPatch.LocationId);
        var queue = _lanes[lane];
        var versions = current.ToDictionary(e => e.EvseUid.ToUpperInvariant(), e => e.Version);
        for (var node = queue.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.Change is { } c && versions.TryGetValue(c.EvseUid.ToUpperInvariant(), out var v) && c.Version <= v)
            {
                queue.Remove(node);
                Count--;
                Superseded++;
            }

            node = next;
        }

        queue.AddFirst(new OrderedMessage(failedPatch.Seq, failedPatch.LocationId, null, current, failedPatch.Since));
        Count++;
    }

    public void Release(OrderedMessage message)
    {
        var lane = EvseBacklog.LocationKey(message.LocationId);
        _inFlight.Remove(lane);
        ScheduleOrDrop(lane, _lanes[lane]);
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

    private void Append(OrderedMessage message)
    {
        var lane = EvseBacklog.LocationKey(message.LocationId);
        if (!_lanes.TryGetValue(lane, out var queue))
        {
            _lanes[lane] = queue = new LinkedList<OrderedMessage>();
        }

        queue.AddLast(message);
        Count++;
        if (queue.Count == 1 && !_inFlight.Contains(lane))
        {
            _ready.Add((message.Seq, lane));
        }

        _nextSeq = Math.Max(_nextSeq, message.Seq + 1);
    }

    private void ScheduleOrDrop(string lane, LinkedList<OrderedMessage> queue)
    {
        if (queue.First is { } head)
        {
            _ready.Add((head.Value.Seq, lane));
        }
        else
        {
            _lanes.Remove(lane);
        }
    }
}
