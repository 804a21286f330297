namespace StatusGrid.Grains.Partners;

/// <summary>
/// The <c>ordered</c> queue's last_updated rule: per EVSE, the partner's last_updated never goes back. A location edit
/// stamps its EVSEs (the document's last_updated) without a new status, so a status observed before that stamp but
/// queued, or sent, after the PUT carrying it goes 1 ms after the stamp (the rule the EVSE grain applies to later
/// reports). Queued stamps are rebuilt from the queue after a restart; sent ones are stored with it.
/// </summary>
internal sealed class OrderedStamps
{
    /// <summary>Per EVSE: the latest last_updated queued this activation, and the status version it went with.</summary>
    private readonly Dictionary<string, (DateTimeOffset At, long Version)> _queued = [];

    /// <summary>Per EVSE: the latest last_updated sent (durable).</summary>
    private Dictionary<string, DateTimeOffset> _sent = [];

    /// <summary>
    /// The stamp to queue a state of an EVSE with: its own, unless a message queued or sent for the EVSE already has
    /// that time or later. Then the same stamp for the same state (a PUT carrying it again), else 1 ms after it: a
    /// partner that keeps what it holds for an equal last_updated must still take a newer state.
    /// </summary>
    public DateTimeOffset Queued(string evseKey, DateTimeOffset at, long version)
    {
        var floor = _sent.GetValueOrDefault(evseKey, DateTimeOffset.MinValue);
        var sameState = false;
        if (_queued.TryGetValue(evseKey, out var held) && held.At >= floor)
        {
            floor = held.At;
            sameState = held.Version == version;
        }

        var stamp = at > floor ? at : sameState ? floor : floor.AddMilliseconds(1);
        _queued[evseKey] = (stamp, version);
        return stamp;
    }

    /// <summary>The last_updated to send for an EVSE: never earlier than one already sent (a retry sends the same).</summary>
    public DateTimeOffset Sending(string evseKey, DateTimeOffset at)
    {
        var stamp = _sent.TryGetValue(evseKey, out var held) && held > at ? held : at;
        _sent[evseKey] = stamp;
        return stamp;
    }

    public void ClearQueued() => _queued.Clear();

    public void RestoreSent(IReadOnlyDictionary<string, DateTimeOffset> sent) => _sent = new Dictionary<string, DateTimeOffset>(sent);

    public Dictionary<string, DateTimeOffset> SentSnapshot() => new(_sent);
}
