using System.Collections.Concurrent;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Tests.Fakes;

/// <summary>
/// The three StatusGrid stores in memory, shared by every silo of a test cluster the way one database is shared:
/// it outlives a killed silo. The real SQLite/PostgreSQL stores have their own tests in StatusGrid.Storage.Tests.
/// </summary>
public sealed partial class InMemoryStorage : IStatusStore, ILocationStore, IDeliveryLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string, string), EvseStatusRecord> _statuses = [];
    private readonly Dictionary<string, (long Seq, StoredLocation Location)> _locations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string, string, string), long> _delivered = [];
    private readonly Dictionary<string, int> _undeliveredReads = [];
    private long _seq;

    /// <summary>Partners whose deliveries are acknowledged but never recorded, as when a silo dies before the ledger write.</summary>
    public ConcurrentDictionary<string, bool> UnrecordedPartners { get; } = new();

    /// <summary>Partners whose reads of undelivered work fail, as on a database hiccup.</summary>
    public ConcurrentDictionary<string, bool> FailingUndeliveredReads { get; } = new();

    /// <summary>
    /// Partners whose reads of undelivered work block the calling thread until released, as a synchronous SQLite read of
    /// a large backlog does (Microsoft.Data.Sqlite has no truly asynchronous reads).
    /// </summary>
    public ConcurrentDictionary<string, BlockingRead> BlockingUndeliveredReads { get; } = new();

    /// <summary>How often a partner's undelivered work was read (a ledger scan each time).</summary>
    public int UndeliveredReads(string partnerId)
    {
        lock (_gate)
        {
            return _undeliveredReads.GetValueOrDefault(partnerId);
        }
    }

    public int StatusWrites { get; private set; }

    /// <summary>Runs before each page query of locations: a test's window into what happens while one is read.</summary>
    public Func<LocationQuery, Task>? BeforeQuery { get; set; }

    public Task<EvseStatusRecord?> ReadAsync(string locationId, string evseUid, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_statuses.GetValueOrDefault((locationId, evseUid)));
        }
    }

    public Task<IReadOnlyList<EvseStatusRecord>> ReadLocationsAsync(IReadOnlyCollection<string> locationIds, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var ids = locationIds.ToHashSet(StringComparer.OrdinalIgnoreCase);
            return Task.FromResult<IReadOnlyList<EvseStatusRecord>>(_statuses.Values.Where(s => ids.Contains(s.LocationId)).ToList());
        }
    }

    public async Task WriteAsync(EvseStatusRecord record, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        lock (_gate)
        {
            StatusWrites++;
            var key = (record.LocationId, record.EvseUid);
            if (_statuses.TryGetValue(key, out var held) && held.Version >= record.Version)
            {
                throw StatusWriteConflictException.For(record);
            }

            _statuses[key] = record;

            if (_locations.TryGetValue(record.LocationId, out var location) && location.Location.LastUpdated < record.LastUpdated)
            {
                _locations[record.LocationId] = (location.Seq, location.Location with { LastUpdated = record.LastUpdated });
            }
        }
    }

    /// <summary>Grains whose next grain state write fails (see <see cref="FaultyGrainStorage"/>).</summary>
    public ConcurrentDictionary<GrainId, bool> FailingGrainWrites { get; } = new();

    /// <summary>Partner ids whose next ordered-queue write (<see cref="IPartnerQueueStore"/>) fails.</summary>
    public ConcurrentDictionary<string, bool> FailingQueueWrites { get; } = new();

    /// <summary>Every ordered-queue write that was stored: partner id and the rows it touched.</summary>
    public ConcurrentQueue<(string PartnerId, int Rows)> QueueWrites { get; } = new();

    /// <summary>Locations whose next upsert fails, as on a database hiccup.</summary>
    public ConcurrentDictionary<string, bool> FailingUpserts { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task UpsertAsync(StoredLocation location, CancellationToken cancellationToken = default)
    {
        if (FailingUpserts.TryRemove(location.Id, out _))
        {
            throw new InvalidOperationException($"upsert of {location.Id} failed (test)");
        }

        lock (_gate)
        {
            if (_locations.TryGetValue(location.Id, out var held))
            {
                var lastUpdated = held.Location.LastUpdated > location.LastUpdated ? held.Location.LastUpdated : location.LastUpdated;
                _locations[location.Id] = (held.Seq, location with { LastUpdated = lastUpdated, DocumentVersion = held.Location.DocumentVersion + 1 });
            }
            else
            {
                _locations[location.Id] = (++_seq, location with { DocumentVersion = 1 });
            }
        }

        return Task.CompletedTask;
    }

    public Task<StoredLocation?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_locations.TryGetValue(id, out var l) ? l.Location : null);
        }
    }

    public async Task<LocationPage> QueryAsync(LocationQuery query, CancellationToken cancellationToken = default)
    {
        if (BeforeQuery is { } before)
        {
            await before(query);
        }

        lock (_gate)
        {
            var matching = _locations.Values
                .Where(l => (query.DateFrom is null || l.Location.LastUpdated >= query.DateFrom) && (query.DateTo is null || l.Location.LastUpdated < query.DateTo))
                .Where(l => !query.PublishedOnly || l.Location.Publish)
                .Where(l => query.Countries is not { } countries || countries.Contains(l.Location.Country, StringComparer.OrdinalIgnoreCase))
                .Where(l => query.LocationIds is not { } ids || ids.Contains(l.Location.Id, StringComparer.OrdinalIgnoreCase))
                .OrderBy(l => l.Seq)
                .Select(l => l.Location)
                .ToList();
            return new LocationPage(matching.Skip(query.Offset).Take(query.Limit).ToList(), matching.Count);
        }
    }

    public Task RecordDeliveredAsync(string partnerId, IReadOnlyCollection<DeliveredVersion> delivered, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (UnrecordedPartners.ContainsKey(partnerId))
            {
                return Task.CompletedTask;
            }

            foreach (var d in delivered)
            {
                var key = (partnerId, d.LocationId, d.EvseUid);
                // As the SQL upsert: a row is inserted whatever its version (a reopened -v too), then only raised.
                if (!_delivered.TryGetValue(key, out var held) || held < d.Version)
                {
                    _delivered[key] = d.Version;
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task ReopenDocumentsAsync(string partnerId, IReadOnlyCollection<string> locationIds, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var id in locationIds)
            {
                var key = (partnerId, id, StatusGrid.Storage.DeliveredVersion.Document);
                if (_delivered.GetValueOrDefault(key) > 0)
                {
                    _delivered[key] = -_delivered[key];
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The version recorded as delivered to a partner (0 when none).</summary>
    public Task<IReadOnlyList<DeliveredVersion>> ReadDeliveredAsync(string partnerId, IReadOnlyCollection<EvseRef> evses, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<DeliveredVersion> found =
            [
                .. evses.Where(e => _delivered.ContainsKey((partnerId, e.LocationId, e.EvseUid)))
                    .Select(e => new DeliveredVersion(e.LocationId, e.EvseUid, _delivered[(partnerId, e.LocationId, e.EvseUid)])),
            ];
            return Task.FromResult(found);
        }
    }

    public long DeliveredVersion(string partnerId, string locationId, string evseUid)
    {
        lock (_gate)
        {
            return _delivered.GetValueOrDefault((partnerId, locationId, evseUid));
        }
    }

    public Task<IReadOnlyList<UndeliveredLocation>> ReadUndeliveredLocationsAsync(string partnerId, int limit, string? afterId = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<UndeliveredLocation>>(_locations.Values
                .Select(l => l.Location)
                .Where(l => afterId is null || string.CompareOrdinal(l.Id, afterId) > 0)
                .Where(l => l.DocumentVersion > _delivered.GetValueOrDefault((partnerId, l.Id, StatusGrid.Storage.DeliveredVersion.Document)))
                .OrderBy(l => l.Id, StringComparer.Ordinal)
                .Take(limit)
                .Select(l => new UndeliveredLocation(l.Id, l.Country, l.Publish, l.DocumentVersion,
                    _delivered.GetValueOrDefault((partnerId, l.Id, StatusGrid.Storage.DeliveredVersion.Document))))
                .ToList());
        }
    }

    public Task<IReadOnlyList<EvseStatusRecord>> ReadUndeliveredAsync(string partnerId, int limit, EvseRef? after = null, CancellationToken cancellationToken = default)
    {
        if (BlockingUndeliveredReads.TryGetValue(partnerId, out var blocking))
        {
            blocking.Block();
        }

        lock (_gate)
        {
            _undeliveredReads[partnerId] = _undeliveredReads.GetValueOrDefault(partnerId) + 1;
            if (FailingUndeliveredReads.ContainsKey(partnerId))
            {
                throw new InvalidOperationException("The ledger is unavailable.");
            }

            return Task.FromResult<IReadOnlyList<EvseStatusRecord>>(_statuses.Values
                .OrderBy(s => s.LocationId, StringComparer.Ordinal).ThenBy(s => s.EvseUid, StringComparer.Ordinal)
                .Where(s => after is null || string.CompareOrdinal(s.LocationId, after.LocationId) > 0
                    || (s.LocationId == after.LocationId && string.CompareOrdinal(s.EvseUid, after.EvseUid) > 0))
                .Where(s => s.Version > _delivered.GetValueOrDefault((partnerId, s.LocationId, s.EvseUid)))
                .Take(limit)
                .ToList());
        }
    }
}
