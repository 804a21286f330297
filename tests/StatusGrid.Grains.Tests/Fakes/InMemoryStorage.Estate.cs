using StatusGrid.Storage;
using StatusGrid.Storage.Estate;

namespace StatusGrid.Grains.Tests.Fakes;

/// <summary>The bulk-import rows, with the same rules as the SQL stores (StatusGrid.Storage.Tests covers those).</summary>
public sealed partial class InMemoryStorage : IEstateStore
{
    private readonly Dictionary<string, (long Seq, EvseMeta Meta)> _evseMeta = new(StringComparer.Ordinal);
    private long _importSeq;

    public Task<IReadOnlySet<string>> ExistingAsync(IReadOnlyCollection<string> locationIds, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlySet<string> existing = locationIds.Where(_locations.ContainsKey).Select(id => id.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
            return Task.FromResult(existing);
        }
    }

    public Task<IReadOnlyList<string>> ImportAsync(IReadOnlyList<ImportedLocation> locations, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var skipped = new List<string>();
            var seq = ++_importSeq;
            foreach (var item in locations)
            {
                if (_locations.ContainsKey(item.Location.Id))
                {
                    skipped.Add(item.Location.Id);
                    continue;
                }

                _locations[item.Location.Id] = (++_seq, item.Location with { DocumentVersion = 1 });
                foreach (var meta in item.Evses)
                {
                    _evseMeta[meta.Key] = (seq, meta);
                }

                foreach (var status in item.Statuses)
                {
                    _statuses.TryAdd((status.LocationId, status.EvseUid), status);
                }
            }

            progress?.Report(locations.Count);
            return Task.FromResult<IReadOnlyList<string>>(skipped);
        }
    }

    public Task<StoredLocation?> FindLocationAsync(string locationId, CancellationToken cancellationToken = default) => GetAsync(locationId, cancellationToken);

    public Task<EvseMeta?> FindEvseAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_evseMeta.TryGetValue(key, out var found) ? found.Meta : null);
        }
    }

    /// <summary>EVSE grain keys whose next identity write fails, as on a database hiccup.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> FailingEvseWrites { get; } = new(StringComparer.Ordinal);

    public async Task SaveEvseAsync(EvseMeta evse, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        if (FailingEvseWrites.TryRemove(evse.Key, out _))
        {
            throw new InvalidOperationException($"identity write of {evse.Key} failed (test)");
        }

        lock (_gate)
        {
            _evseMeta[evse.Key] = (_evseMeta.TryGetValue(evse.Key, out var held) ? held.Seq : ++_importSeq, evse);
        }
    }

    public Task RaiseEvseHorizonAsync(string key, DateTimeOffset horizon, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_evseMeta.TryGetValue(key, out var held) && (held.Meta.Horizon is null || held.Meta.Horizon < horizon))
            {
                _evseMeta[key] = (held.Seq, held.Meta with { Horizon = horizon });
            }
        }

        return Task.CompletedTask;
    }

    public Task<EvseMeta?> FindEvseIdAsync(string evseIdKey, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_evseMeta.Values.Where(m => m.Meta.EvseIdKey == evseIdKey).OrderByDescending(m => m.Seq).Select(m => m.Meta).FirstOrDefault());
        }
    }
}
