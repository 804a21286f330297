namespace StatusGrid.Grains.Partners;

/// <summary>The queue's lane bookkeeping: a message joins or leaves a lane, and a lane's head becomes ready or the lane goes.</summary>
internal sealed partial class OrderedQueue
{
    /// <summary>Removes a queued message that is not in flight; a lane left without a head is no longer ready.</summary>
    private void Unlink(string lane, LinkedList<OrderedMessage> queue, LinkedListNode<OrderedMessage> node)
    {
        var wasHead = node == queue.First;
        queue.Remove(node);
        Dropped(node.Value);
        Count--;
        if (wasHead && !_inFlight.Contains(lane))
        {
            _ready.Remove((node.Value.Seq, lane));
            if (queue.First is { } head)
            {
                _ready.Add((head.Value.Seq, lane));
            }
        }
    }

    /// <summary>
    /// True when a PUT of the location waits in its lane, not yet sent: it reads the stored document when it goes, so
    /// it delivers any edit made before then (one in flight may have read an older one).
    /// </summary>
    public bool HasUnsentPut(string locationId)
    {
        var lane = EvseBacklog.LocationKey(locationId);
        if (!_lanes.TryGetValue(lane, out var queue))
        {
            return false;
        }

        var sending = _inFlight.Contains(lane) ? queue.First : null;
        for (var node = queue.First; node is not null; node = node.Next)
        {
            if (node != sending && node.Value.IsPut)
            {
                return true;
            }
        }

        return false;
    }

    private void Append(OrderedMessage message)
    {
        var lane = EvseBacklog.LocationKey(message.LocationId);
        if (!_lanes.TryGetValue(lane, out var queue))
        {
            _lanes[lane] = queue = new LinkedList<OrderedMessage>();
        }

        queue.AddLast(message);
        Changed(message);
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
