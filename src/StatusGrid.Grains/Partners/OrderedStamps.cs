namespace StatusGrid.Grains.Partners;

/// <summary>
/// The <c>ordered</c> queue's last_updated rule: per EVSE, the partner's last_updated never goes back. A location edit
/// stamps its EVSEs (the document's last_updated) without a new status, so a status observed before that stamp but
/// queued, or sent, after the PUT carrying it goes 1 ms after the stamp (the rule the EVSE grain applies to later
/// reports). Queued stamps are rebuilt from the queue after a restart; sent ones are stored with it. What was sent is
/// also the last guard of "never older after newer": a state older than one sent for its EVSE never goes out.
/// </summary>
internal sealed class OrderedStamps
{
    /// <summary>Per EVSE: the latest last_updated queued this activation, and the status version it went with.</summary>
    private readonly Dictionary<string, (DateTimeOffset At, long Version)> _queued = [];

    /// <summary>Per EVSE: the newest state sent, by version, with the latest last_updated sent (durable).</summary>
    private Dictionary<string, CapturedEvse> _sent = [];

    /// <summary>EVSEs whose sent state changed since the last save (<see cref="TakeSentChanges"/>).</summary>
    private HashSet<string> _sentChanged = new(StringComparer.Ordinal);

    /// <summary>
    /// The stamp to queue a state of an EVSE with: its own, unless a message queued or sent for the EVSE already has
    /// that time or later. Then the same stamp for the same state (a PUT carrying it again), else 1 ms after it: a
    /// partner that keeps what it holds for an equal last_updated must still take a newer state.
    /// </summary>
    public DateTimeOffset Queued(string evseKey, DateTimeOffset at, long version)
    {
        var floor = _sent.TryGetValue(evseKey, out var sent) ? sent.LastUpdated : DateTimeOffset.MinValue;
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

    /// <summary>
    /// The state to send for an EVSE: never older than one sent before (then that one goes again), and its last_updated
    /// never earlier than one sent before (a retry sends the same). Recorded before the send: the partner may hold it.
    /// </summary>
    public CapturedEvse Sending(string evseKey, CapturedEvse evse)
    {
        if (_sent.TryGetValue(evseKey, out var held))
        {
            if (evse.Version < held.Version)
            {
                return held with { EvseUid = evse.EvseUid };
            }

            if (held.LastUpdated > evse.LastUpdated)
            {
                evse = evse with { LastUpdated = held.LastUpdated };
            }
        }

        _sent[evseKey] = evse;
        _sentChanged.Add(evseKey);
        return evse;
    }

    /// <summary>A newer state than <paramref name="version"/> was sent for the EVSE: sending it would go back.</summary>
    public bool SentNewer(string evseKey, long version) => _sent.TryGetValue(evseKey, out var held) && held.Version > version;

    /// <summary>A state at <paramref name="version"/> or newer was sent for the EVSE.</summary>
    public bool SentAtLeast(string evseKey, long version) => _sent.TryGetValue(evseKey, out var held) && held.Version >= version;

    public void ClearQueued() => _queued.Clear();

    /// <param name="stamps">What an older version stored: stamps only (version 0: the stamp rule alone).</param>
    public void RestoreSent(IReadOnlyDictionary<string, long[]>? sent, IReadOnlyDictionary<string, DateTimeOffset> stamps)
    {
        _sent = sent is { Count: > 0 }
            ? sent.Where(p => p.Value is { Length: 3 }).ToDictionary(p => p.Key, p => new CapturedEvse(
                "", (Ocpi.Locations.EvseStatus)p.Value[2], DateTimeOffset.FromUnixTimeMilliseconds(p.Value[0]), p.Value[1]))
            : stamps.ToDictionary(p => p.Key, p => new CapturedEvse("", Ocpi.Locations.EvseStatus.Unknown, p.Value, 0));
    }

    public IReadOnlyDictionary<string, CapturedEvse> Sent => _sent;

    /// <summary>The sent states that changed since the last call, as they are now.</summary>
    public Dictionary<string, CapturedEvse> TakeSentChanges()
    {
        var changed = _sentChanged;
        _sentChanged = new(StringComparer.Ordinal);
        return changed.ToDictionary(k => k, k => _sent[k], StringComparer.Ordinal);
    }

    /// <summary>A save of these failed: the next one writes them (their values as of then).</summary>
    public void ReturnSentChanges(IEnumerable<string> keys) => _sentChanged.UnionWith(keys);

    public void MarkAllSentChanged() => _sentChanged.UnionWith(_sent.Keys);
}
