namespace StatusGrid.Grains.Partners;

/// <summary>
/// The <c>ordered</c> queue's last_updated rule: per EVSE, the partner's last_updated never goes back. A location edit
/// stamps its EVSEs (the document's last_updated) without a new status, so a status observed before that stamp but
/// queued, or sent, after the PUT carrying it goes with the stamp (the same rule the EVSE grain applies to later
/// reports). Queued stamps are rebuilt from the queue after a restart; sent ones are stored with it.
/// </summary>
internal sealed class OrderedStamps
{
    /// <summary>Per EVSE: the latest last_updated queued this activation.</summary>
    private readonly Dictionary<string, DateTimeOffset> _queued = [];

    /// <summary>Per EVSE: the latest last_updated sent (durable).</summary>
    private Dictionary<string, DateTimeOffset> _sent = [];

    /// <summary>Raises the EVSE's queued stamp to <paramref name="at"/> if later; returns the stamp to queue.</summary>
    public DateTimeOffset Queued(string evseKey, DateTimeOffset at) => Raise(_queued, evseKey, at);

    /// <summary>The last_updated to send for an EVSE: never earlier than one already sent.</summary>
    public DateTimeOffset Sending(string evseKey, DateTimeOffset at) => Raise(_sent, evseKey, at);

    public void ClearQueued() => _queued.Clear();

    public void RestoreSent(IReadOnlyDictionary<string, DateTimeOffset> sent) => _sent = new Dictionary<string, DateTimeOffset>(sent);

    public Dictionary<string, DateTimeOffset> SentSnapshot() => new(_sent);

    private static DateTimeOffset Raise(Dictionary<string, DateTimeOffset> stamps, string evseKey, DateTimeOffset at)
    {
        var stamp = stamps.TryGetValue(evseKey, out var held) && held > at ? held : at;
        stamps[evseKey] = stamp;
        return stamp;
    }
}
