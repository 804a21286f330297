using System.Collections.Immutable;
using StatusGrid.Contracts.Evses;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// The queue's recovery rules: its durable form (a restart), fan-out states arriving after a recovered one (a silo
/// died), and a partner that lost a location (a PUT goes first).
/// </summary>
internal sealed partial class OrderedQueue
{
    public void Restore(OrderedQueueState state)
    {
        _nextSeq = Math.Max(_nextSeq, state.NextSeq);
        Overflowed = state.Overflowed;
        _stamps.RestoreSent(state.SentStates, state.Sent);
        // Stored lane by lane, each in its order (a state inserted before a recovered one has a smaller seq).
        foreach (var message in state.Messages)
        {
            Append(message);
            foreach (var evse in message.Change is { } c ? [Captured(c)] : message.Evses)
            {
                var key = EvseKey.Evse(message.LocationId, evse.EvseUid);
                _stamps.Queued(key, evse.LastUpdated, evse.Version);
                Carried(key, evse);
            }
        }

        RestoreUncertain(state);
    }

    /// <summary>A fan-out state older than a recovered one still queued goes before it (it was on its way).</summary>
    private bool InsertBeforeRecovered(EvseStatusChange change, string key, DateTimeOffset now)
    {
        var lane = EvseBacklog.LocationKey(change.LocationId);
        if (!_lanes.TryGetValue(lane, out var queue))
        {
            return false;
        }

        for (var node = queue.First; node is not null; node = node.Next)
        {
            if (node.Value.Change is { } c && EvseKey.Evse(c.LocationId, c.EvseUid) == key && node.Value.Recovered && c.Version > change.Version
                && !(node == queue.First && _inFlight.Contains(lane)))
            {
                var previous = node.Previous;
                if (previous?.Value.Change is { } p && EvseKey.Evse(p.LocationId, p.EvseUid) == key && p.Version >= change.Version)
                {
                    return false;
                }

                // Takes the recovered message's place in the FIFO; the recovered one moves just behind it, and it and
                // the messages behind it get new seqs in lane order (the stored rows are read back in seq order).
                Changed(queue.AddBefore(node, new OrderedMessage(node.Value.Seq, change.LocationId, change, [], now)).Value);
                for (var behind = node; behind is not null; behind = behind.Next)
                {
                    if (behind != node)
                    {
                        Dropped(behind.Value);
                    }

                    behind.Value = behind.Value with { Seq = _nextSeq++ };
                    Changed(behind.Value);
                }

                Count++;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The partner forgot the location (a PATCH got "unknown object"): a PUT of its current document goes first,
    /// and the queued PATCHes it supersedes (at or below the versions it carries) are dropped, counted.
    /// </summary>
    public void PutFirst(OrderedMessage failedPatch, ImmutableArray<CapturedEvse> current)
    {
        var lane = EvseBacklog.LocationKey(failedPatch.LocationId);
        var queue = _lanes[lane];
        current = InQueueOrder(failedPatch.LocationId, current);
        var carried = current.ToDictionary(e => e.EvseUid, StringComparer.OrdinalIgnoreCase);
        for (var node = queue.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.Change is { } c && carried.TryGetValue(c.EvseUid, out var e) && c.Version <= e.Version)
            {
                queue.Remove(node);
                Dropped(node.Value);
                Count--;
                Superseded++;
            }
            else if (node.Value.Change is null && node.Value.Evses.Any(q => carried.TryGetValue(q.EvseUid, out var e) && q.Version < e.Version))
            {
                // A PUT queued before: it goes after this one, so it carries no EVSE older than this one does.
                node.Value = node.Value with
                {
                    Evses = [.. node.Value.Evses.Select(q => carried.TryGetValue(q.EvseUid, out var e) && q.Version < e.Version ? e : q)],
                };
                Changed(node.Value);
            }

            node = next;
        }

        if (queue.Find(failedPatch) is { } stillQueued)
        {
            // Its EVSE is not in the current document: the partner could not take the PATCH after the PUT either.
            // (The PUT takes its seq, the lane's first.)
            queue.Remove(stillQueued);
            Count--;
            Superseded++;
        }

        Changed(queue.AddFirst(new OrderedMessage(failedPatch.Seq, failedPatch.LocationId, null, current, failedPatch.Since)).Value);
        Count++; // what it carries counts as queued (InQueueOrder)
    }
}
