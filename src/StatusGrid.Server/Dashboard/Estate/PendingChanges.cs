using System.Collections.Immutable;
using StatusGrid.Contracts.Evses;

namespace StatusGrid.Server.Dashboard.Estate;

/// <summary>
/// What arrived for browsers since the last send, coalesced: per EVSE only the newest change (by version), plus the
/// locations to re-read. Bounded by the estate's size however fast changes come, and adding never blocks, so the
/// fan-out that serves partners never waits for browsers. Unpublished changes are dropped here: the public map never
/// sees them.
/// </summary>
public sealed class PendingChanges
{
    private Dictionary<(string, string), EvseStatusChange> _changes = [];
    private HashSet<string> _locations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private long _received;
    private long _coalesced;

    /// <summary>Every change offered (published or not): every silo sees every change, so this is the cluster's accepted rate.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Changes replaced by a newer one of the same EVSE before they were sent.</summary>
    public long Coalesced => Interlocked.Read(ref _coalesced);

    /// <summary>Adds; answers true when this made the queue non-empty (the sender should wake up).</summary>
    public bool Add(ImmutableArray<EvseStatusChange> changes)
    {
        Interlocked.Add(ref _received, changes.Length);
        lock (_gate)
        {
            var wasEmpty = IsEmptyLocked;
            foreach (var change in changes)
            {
                if (!change.Publish)
                {
                    continue;
                }

                var key = (change.LocationId.ToUpperInvariant(), change.EvseUid.ToUpperInvariant());
                if (_changes.TryGetValue(key, out var held))
                {
                    _coalesced++;
                    if (held.Version >= change.Version)
                    {
                        continue;
                    }
                }

                _changes[key] = change;
            }

            return wasEmpty && !IsEmptyLocked;
        }
    }

    public bool AddLocations(IEnumerable<string> locationIds)
    {
        lock (_gate)
        {
            var wasEmpty = IsEmptyLocked;
            _locations.UnionWith(locationIds);
            return wasEmpty && !IsEmptyLocked;
        }
    }

    /// <summary>Takes everything queued so far.</summary>
    public (IReadOnlyCollection<string> Locations, IReadOnlyCollection<EvseStatusChange> Changes) Take()
    {
        lock (_gate)
        {
            var taken = (_locations, _changes.Values);
            _locations = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            _changes = [];
            return taken;
        }
    }

    private bool IsEmptyLocked => _changes.Count == 0 && _locations.Count == 0;
}
