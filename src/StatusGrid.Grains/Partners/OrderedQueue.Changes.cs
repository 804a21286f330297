namespace StatusGrid.Grains.Partners;

/// <summary>
/// What changed since the queue was last saved, so a save writes those rows only (<see cref="OrderedQueueRows"/>):
/// messages by seq (unique in the queue), sent states by EVSE. The queue's seq order is each lane's order (a message
/// inserted into a lane renumbers the ones behind it), so the stored rows read back in seq order rebuild every lane.
/// </summary>
internal sealed partial class OrderedQueue
{
    /// <summary>Seq → the message as it is now, or null: it left the queue.</summary>
    private Dictionary<long, OrderedMessage?> _changed = [];

    private void Changed(OrderedMessage message) => _changed[message.Seq] = message;

    private void Dropped(OrderedMessage message) => _changed[message.Seq] = null;

    /// <summary>Everything since the last call: the next save writes it; <see cref="ReturnChanges"/> if that failed.</summary>
    /// <param name="stopped">Written by an activation that has nothing in flight and sends nothing more.</param>
    public OrderedQueueChanges TakeChanges(bool stopped = false)
    {
        var messages = _changed;
        _changed = [];
        return new OrderedQueueChanges(
            messages,
            _stamps.TakeSentChanges(),
            new OrderedQueueMeta(_nextSeq, Overflowed, AlreadyHeld, stopped ? [.. _uncertain.Keys.Order(StringComparer.Ordinal)] : null));
    }

    /// <summary>A save failed: its changes go with the next one (where the queue changed again since, that is newer).</summary>
    public void ReturnChanges(OrderedQueueChanges changes)
    {
        foreach (var (key, message) in changes.Messages)
        {
            _changed.TryAdd(key, message);
        }

        _stamps.ReturnSentChanges(changes.SentKeys);
    }

    /// <summary>
    /// The whole queue counts as changed: the next save writes all of it (to a store that holds none of it). A lane
    /// whose seqs do not ascend (the grain-state document kept lanes in list order, and an insertion before a recovered
    /// message could leave a smaller seq behind a larger one) is renumbered from the first message out of order.
    /// </summary>
    public void MarkAllChanged()
    {
        _changed.Clear();
        foreach (var queue in _lanes.Values)
        {
            var renumber = false;
            for (var node = queue.First; node is not null; node = node.Next)
            {
                renumber |= node.Previous is { } previous && node.Value.Seq <= previous.Value.Seq;
                if (renumber)
                {
                    node.Value = node.Value with { Seq = _nextSeq++ };
                }

                Changed(node.Value);
            }
        }

        _stamps.MarkAllSentChanged();
    }

    /// <summary>Every queued message, lane by lane in lane order (lanes by their head's seq): what the store must hold.</summary>
    public IReadOnlyList<OrderedMessage> Messages() => [.. _lanes.Values.OrderBy(l => l.First?.Value.Seq ?? 0).SelectMany(l => l)];

    /// <summary>Per EVSE key, the newest state sent (see <see cref="OrderedStamps"/>).</summary>
    public IReadOnlyDictionary<string, CapturedEvse> SentStates => _stamps.Sent;

    /// <summary>Restored from stored rows: nothing to write back.</summary>
    public void ForgetChanges()
    {
        _changed.Clear();
        _stamps.TakeSentChanges();
    }
}

/// <summary>The counters of an ordered queue, stored beside its rows.</summary>
/// <param name="Uncertain">As <see cref="OrderedQueueState.Uncertain"/>: listed only by a stopped activation.</param>
public sealed record OrderedQueueMeta(long NextSeq, long Overflowed, long AlreadyHeld, List<string>? Uncertain);

/// <summary>One save's worth of changes (see <see cref="OrderedQueue.TakeChanges"/>).</summary>
internal sealed record OrderedQueueChanges(
    IReadOnlyDictionary<long, OrderedMessage?> Messages,
    IReadOnlyDictionary<string, CapturedEvse> Sent,
    OrderedQueueMeta Meta)
{
    public IEnumerable<string> SentKeys => Sent.Keys;
}
