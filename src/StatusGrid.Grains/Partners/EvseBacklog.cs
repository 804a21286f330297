using StatusGrid.Contracts.Evses;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// One partner's work per EVSE: the newest pending state (a newer one replaces it: coalescing), at most one request in
/// flight, and the settled version (delivered, or refused by the partner) below which nothing is ever sent again.
/// An EVSE this activation has not pushed yet is unverified: the delivery ledger and the current status must be read
/// first (<see cref="TakeUnverified"/>, <see cref="Verified"/>), because an earlier activation may have delivered a
/// newer state than the one on offer.
/// </summary>
internal sealed class EvseBacklog
{
    private readonly Dictionary<BacklogKey, Entry> _entries = [];
    private readonly Queue<BacklogKey> _ready = new();
    private readonly HashSet<BacklogKey> _unverified = [];

    /// <summary>EVSEs parked behind a pending or in-flight PUT of their location, by location key.</summary>
    private readonly Dictionary<string, List<BacklogKey>> _parked = [];

    public int PendingCount { get; private set; }

    public int InFlightCount { get; private set; }

    public long Coalesced { get; private set; }

    public int UnverifiedCount => _unverified.Count;

    public static string LocationKey(string locationId) => locationId.ToUpperInvariant();

    /// <summary>Keeps the change if it is newer than anything settled, in flight or pending for its EVSE.</summary>
    /// <returns>True when the change replaced a pending one (coalesced).</returns>
    public bool Offer(EvseStatusChange change, DateTimeOffset now)
    {
        var key = BacklogKey.Of(change);
        var entry = GetOrAdd(key);
        if (change.Version <= entry.Settled || change.Version <= (entry.InFlight?.Change.Version ?? 0))
        {
            return false;
        }

        if (entry.Pending is { } pending)
        {
            if (change.Version <= pending.Change.Version)
            {
                return false;
            }

            entry.Pending = pending with { Change = change, ChecksLeft = 0 }; // the newer state was never sent
            Coalesced++;
            return true;
        }

        entry.Pending = new PendingChange(change, now);
        PendingCount++;
        Schedule(key, entry);
        return false;
    }

    /// <summary>The next EVSE to PATCH, skipping (and parking) those whose location <paramref name="isBlocked"/>.</summary>
    public bool TryTake(Func<string, bool> isBlocked, out BacklogKey key, out PendingChange pending)
    {
        while (_ready.TryDequeue(out key))
        {
            var entry = _entries[key];
            entry.Queued = false;
            if (entry.Pending is not { } candidate || entry.InFlight is not null)
            {
                continue;
            }

            var location = LocationKey(candidate.Change.LocationId);
            if (isBlocked(location))
            {
                // The location's PUT carries this EVSE's live state; afterwards only a newer state still goes out.
                entry.Queued = true;
                if (!_parked.TryGetValue(location, out var parked))
                {
                    _parked[location] = parked = [];
                }

                parked.Add(key);
                continue;
            }

            entry.Pending = null;
            entry.InFlight = candidate;
            PendingCount--;
            InFlightCount++;
            pending = candidate;
            return true;
        }

        pending = null!;
        return false;
    }

    /// <summary>Lets the EVSEs parked behind a location's PUT go again.</summary>
    public void Release(string locationKey)
    {
        if (_parked.Remove(locationKey, out var parked))
        {
            foreach (var key in parked)
            {
                var entry = _entries[key];
                entry.Queued = false;
                Schedule(key, entry);
            }
        }
    }

    /// <summary>Ends the request of an EVSE. A failed state is requeued unless something newer is pending or settled.</summary>
    /// <param name="checksLeft">For a requeued state: checks of the partner's copy due before it goes again.</param>
    public void Complete(BacklogKey key, bool retry, int checksLeft = 0)
    {
        var entry = _entries[key];
        var sent = entry.InFlight!;
        entry.InFlight = null;
        InFlightCount--;
        if (retry && sent.Change.Version > entry.Settled && entry.Pending is null)
        {
            entry.Pending = sent with { ChecksLeft = checksLeft };
            PendingCount++;
        }

        Schedule(key, entry);
    }

    /// <summary>Records that the partner holds (or refused) <paramref name="version"/>; older pending states are dropped.</summary>
    /// <returns>True when this raised the settled version.</returns>
    public bool Settle(BacklogKey key, long version, bool verified = false)
    {
        var entry = GetOrAdd(key);
        entry.Verified |= verified;
        if (version <= entry.Settled)
        {
            return false;
        }

        entry.Settled = version;
        if (entry.Pending is { } pending && pending.Change.Version <= version)
        {
            entry.Pending = null;
            PendingCount--;
        }

        return true;
    }

    public long SettledVersion(BacklogKey key) => _entries.TryGetValue(key, out var entry) ? entry.Settled : 0;

    /// <summary>Pending EVSEs that wait for their ledger and current-status check, at most <paramref name="max"/>.</summary>
    public List<PendingChange> TakeUnverified(int max)
    {
        var taken = new List<PendingChange>();
        foreach (var key in _unverified.ToList())
        {
            if (taken.Count >= max)
            {
                break;
            }

            _unverified.Remove(key);
            var entry = _entries[key];
            entry.Queued = false;
            if (entry.Pending is { } pending)
            {
                taken.Add(pending);
            }
        }

        return taken;
    }

    /// <summary>
    /// What the ledger says was delivered and what is current now. The current state replaces an older pending one:
    /// whatever an earlier activation sent was current once, so the current state is never older than it.
    /// </summary>
    public void Verified(BacklogKey key, long deliveredVersion, EvseStatusChange? current)
    {
        var entry = GetOrAdd(key);
        entry.Verified = true;
        if (current is not null && entry.Pending is { } pending && current.Version > pending.Change.Version)
        {
            entry.Pending = pending with { Change = current };
        }

        Settle(key, deliveredVersion);
        Schedule(key, entry);
    }

    /// <summary>Puts EVSEs whose check failed back in line for another check.</summary>
    public void Unverified(IEnumerable<BacklogKey> keys)
    {
        foreach (var key in keys)
        {
            Schedule(key, _entries[key]);
        }
    }

    /// <summary>When the oldest state the partner does not have yet became pending (pending or in flight).</summary>
    public DateTimeOffset? OldestSince()
    {
        DateTimeOffset? oldest = null;
        foreach (var entry in _entries.Values)
        {
            oldest = Earlier(Earlier(oldest, entry.Pending?.Since), entry.InFlight?.Since);
        }

        return oldest;
    }

    private static DateTimeOffset? Earlier(DateTimeOffset? a, DateTimeOffset? b) => a is null || (b is { } v && v < a) ? b ?? a : a;

    /// <summary>Forgets pending work (the partner stopped receiving pushes); requests in flight finish normally.</summary>
    public void DropPending()
    {
        foreach (var entry in _entries.Values)
        {
            entry.Pending = null;
            entry.Queued = false;
        }

        PendingCount = 0;
        _ready.Clear();
        _unverified.Clear();
        _parked.Clear();
    }

    private Entry GetOrAdd(BacklogKey key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            _entries[key] = entry = new Entry();
        }

        return entry;
    }

    private void Schedule(BacklogKey key, Entry entry)
    {
        if (entry.Pending is null || entry.InFlight is not null || entry.Queued)
        {
            return;
        }

        entry.Queued = true;
        if (entry.Verified)
        {
            _ready.Enqueue(key);
        }
        else
        {
            _unverified.Add(key);
        }
    }

    private sealed class Entry
    {
        public PendingChange? Pending { get; set; }

        public PendingChange? InFlight { get; set; }

        public long Settled { get; set; }

        public bool Verified { get; set; }

        /// <summary>In the ready queue, the unverified set or parked: not to be scheduled twice.</summary>
        public bool Queued { get; set; }
    }
}
