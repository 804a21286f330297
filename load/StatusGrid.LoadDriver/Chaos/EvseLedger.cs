namespace StatusGrid.LoadDriver.Chaos;

/// <summary>
/// What the chaos client knows per EVSE: the last change StatusGrid confirmed (applied, or answered as a duplicate or
/// stale report, i.e. final) and the one change sent but not confirmed yet. A client that follows the README's rule
/// resends that same change (same status, same observed_at) until it is confirmed and only then sends the next one,
/// so after a settle the store must hold exactly the confirmed change of every EVSE. Each EVSE is owned by one
/// sender at a time.
/// </summary>
internal sealed class EvseLedger
{
    public const string Available = "AVAILABLE";
    public const string Charging = "CHARGING";

    private readonly string[] _ackedStatus;
    private readonly long[] _ackedMs;
    private readonly string?[] _pendingStatus;
    private readonly long[] _pendingMs;

    public EvseLedger(int evses)
    {
        _ackedStatus = [.. Enumerable.Repeat(Available, evses)];
        _ackedMs = new long[evses];
        _pendingStatus = new string?[evses];
        _pendingMs = new long[evses];
    }

    public int Count => _ackedMs.Length;

    /// <summary>Told each confirmed change (EVSE, last_updated): the ordered partners' check keeps them all.</summary>
    public Action<int, long>? Confirmed { get; set; }

    /// <summary>The state before the run (from the target's snapshot): confirmed by definition.</summary>
    public void Initial(int evse, string status, long lastUpdatedMs)
    {
        _ackedStatus[evse] = status;
        _ackedMs[evse] = lastUpdatedMs;
        InitialMs ??= new long[Count];
        InitialMs[evse] = lastUpdatedMs;
    }

    /// <summary>last_updated of each EVSE before the run; an EVSE still there was never changed.</summary>
    public long[]? InitialMs { get; private set; }

    public (string Status, long Ms) Acked(int evse) => (_ackedStatus[evse], _ackedMs[evse]);

    public bool HasPending(int evse) => _pendingStatus[evse] is not null;

    public int PendingCount => _pendingStatus.Count(p => p is not null);

    /// <summary>The change to send for this EVSE: the unconfirmed one again, or a new one (the other status, now).</summary>
    public (string Status, long Ms) Next(int evse, long nowMs)
    {
        if (_pendingStatus[evse] is { } pending)
        {
            return (pending, _pendingMs[evse]);
        }

        var status = _ackedStatus[evse] == Charging ? Available : Charging;
        var ms = Math.Max(nowMs, _ackedMs[evse] + 1);
        _pendingStatus[evse] = status;
        _pendingMs[evse] = ms;
        return (status, ms);
    }

    /// <summary>StatusGrid answered the pending change with a final outcome.</summary>
    public void Confirm(int evse)
    {
        if (_pendingStatus[evse] is { } status)
        {
            _ackedStatus[evse] = status;
            _ackedMs[evse] = _pendingMs[evse];
            _pendingStatus[evse] = null;
            Confirmed?.Invoke(evse, _ackedMs[evse]);
        }
    }
}
