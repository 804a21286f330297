namespace StatusGrid.Grains.Partners;

/// <summary>
/// Orders a partner's Location PUTs against the PATCHes of their EVSEs, so that neither overtakes the other on the
/// network: a PUT starts only when no PATCH of one of its EVSEs is in flight, and no such PATCH starts while the PUT
/// is pending or in flight. A PUT read after every earlier PATCH finished carries the current state of every EVSE, so
/// a PATCH that failed before it is never newer than what it delivered (the backlog drops it as settled).
/// </summary>
internal sealed class LocationGate
{
    private readonly Dictionary<string, int> _patchesInFlight = [];
    private readonly Dictionary<string, PendingPut> _pendingPuts = [];
    private readonly HashSet<string> _putsInFlight = [];
    private readonly HashSet<string> _rejected = [];
    private readonly Queue<string> _putQueue = new();

    /// <summary>
    /// Document versions this activation delivered (or had refused), by location key: a reconcile that reads the
    /// ledger before their record is committed must not PUT them once more.
    /// </summary>
    private readonly Dictionary<string, long> _settledDocuments = [];

    public int PendingPutCount => _pendingPuts.Count;

    public int PutsInFlight => _putsInFlight.Count;

    /// <summary>True while a PUT of the location is pending or in flight: its EVSEs' PATCHes wait for it.</summary>
    public bool BlocksPatch(string locationKey) => _pendingPuts.ContainsKey(locationKey) || _putsInFlight.Contains(locationKey);

    /// <summary>True when the partner refused the location's last PUT (cleared by a PUT offered for a change or a resync).</summary>
    public bool IsRejected(string locationKey) => _rejected.Contains(locationKey);

    /// <summary>Queues a PUT of the location (once; a pending one keeps its age).</summary>
    /// <param name="changed">The location changed or an admin asked: a refusal of an earlier PUT no longer holds.</param>
    public void OfferPut(string locationId, DateTimeOffset now, bool changed)
    {
        var key = EvseBacklog.LocationKey(locationId);
        if (changed)
        {
            _rejected.Remove(key);
        }
        else if (_rejected.Contains(key))
        {
            return;
        }

        if (_pendingPuts.TryAdd(key, new PendingPut(locationId, now)))
        {
            _putQueue.Enqueue(key);
        }
    }

    public void MarkRejected(string locationKey) => _rejected.Add(locationKey);

    /// <summary>The location's document reached (or was refused by) the partner at <paramref name="version"/>.</summary>
    /// <returns>True when that is newer than any this activation settled before (the ledger needs it).</returns>
    public bool SettleDocument(string locationKey, long version)
    {
        if (version <= _settledDocuments.GetValueOrDefault(locationKey))
        {
            return false;
        }

        _settledDocuments[locationKey] = version;
        return true;
    }

    /// <summary>The partner must get the document again at a version this activation settled (its filter changed).</summary>
    public void ForgetDocument(string locationId) => _settledDocuments.Remove(EvseBacklog.LocationKey(locationId));

    /// <summary>
    /// True when the ledger's finding that the partner lacks the document at <paramref name="version"/> still holds:
    /// this activation neither settled that version nor has a PUT of the location pending (which reads the newest)
    /// or on its way (a new partner's configured PUTs go while its first reconcile reads the ledger; one that read an
    /// older document leaves it owed, and the next reconcile sends it).
    /// </summary>
    public bool OwesDocument(string locationId, long version)
    {
        var key = EvseBacklog.LocationKey(locationId);
        return version > _settledDocuments.GetValueOrDefault(key) && !_pendingPuts.ContainsKey(key) && !_putsInFlight.Contains(key);
    }

    /// <summary>The next PUT that may start now; one waiting for PATCHes to finish stays pending.</summary>
    public bool TryTakePut(out string locationKey, out PendingPut put)
    {
        for (var i = _putQueue.Count; i > 0 && _putQueue.TryDequeue(out locationKey!); i--)
        {
            if (!_pendingPuts.TryGetValue(locationKey, out put!))
            {
                continue;
            }

            if (_putsInFlight.Contains(locationKey) || _patchesInFlight.ContainsKey(locationKey))
            {
                continue; // re-queued when the request in its way finishes
            }

            _pendingPuts.Remove(locationKey);
            _putsInFlight.Add(locationKey);
            return true;
        }

        locationKey = null!;
        put = null!;
        return false;
    }

    public void PatchStarted(string locationKey) => _patchesInFlight[locationKey] = _patchesInFlight.GetValueOrDefault(locationKey) + 1;

    public void PatchFinished(string locationKey)
    {
        var left = _patchesInFlight[locationKey] - 1;
        if (left > 0)
        {
            _patchesInFlight[locationKey] = left;
            return;
        }

        _patchesInFlight.Remove(locationKey);
        if (_pendingPuts.ContainsKey(locationKey))
        {
            _putQueue.Enqueue(locationKey);
        }
    }

    /// <summary>Ends a PUT; a retryable failure puts it back (with its age) unless a newer one is already pending.</summary>
    /// <returns>True when no PUT of the location is left, so its parked PATCHes may go.</returns>
    public bool PutFinished(string locationKey, PendingPut put, bool retry)
    {
        _putsInFlight.Remove(locationKey);
        if (retry)
        {
            _pendingPuts.TryAdd(locationKey, put);
        }

        if (_pendingPuts.ContainsKey(locationKey))
        {
            _putQueue.Enqueue(locationKey);
            return false;
        }

        return true;
    }

    public DateTimeOffset? OldestSince() => _pendingPuts.Count == 0 ? null : _pendingPuts.Values.Min(p => p.Since);

    public void DropPending()
    {
        _pendingPuts.Clear();
        _putQueue.Clear();
    }
}

/// <param name="Since">When the PUT became pending (kept across retries, for the age and freshness figures).</param>
internal sealed record PendingPut(string LocationId, DateTimeOffset Since);
