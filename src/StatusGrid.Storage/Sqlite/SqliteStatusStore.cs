using System.Text.Json;
using Microsoft.Data.Sqlite;
using StatusGrid.Storage.GroupCommit;

namespace StatusGrid.Storage.Sqlite;

/// <summary>
/// <see cref="IStatusStore"/> on SQLite. Writes are group-committed: one IMMEDIATE transaction per batch with a
/// prepared upsert per EVSE, then one location update per touched location.
/// </summary>
public sealed class SqliteStatusStore : IStatusStore, IGroupCommitStatistics, IAsyncDisposable
{
    private const string SelectColumns = "SELECT location_id, evse_uid, status, last_updated, version FROM evse_status";

    // The stored row is replaced only by a higher version: a late or replayed write can never lower it. One row per
    // EVSE whatever the case of its uid (migration 17): a write under another spelling lands on the stored row and
    // renames it to the writer's, the EVSE grain's identity, which is the spelling its Location's document holds.
    // The primary key is tried first because nearly every write has the stored spelling: that path needs no rename
    // and measured as fast as before migration 17, where a single upper(evse_uid) target was 20-25 % slower at
    // 64-256 writers (load/logs/2026-12-04-storagebench-uid-ab.txt).
    private const string UpsertSql = """
        INSERT INTO evse_status (location_id, evse_uid, status, last_updated, version)
        VALUES (@location_id, @evse_uid, @status, @last_updated, @version)
        ON CONFLICT (location_id, evse_uid) DO UPDATE
        SET status = excluded.status, last_updated = excluded.last_updated, version = excluded.version
        WHERE excluded.version > evse_status.version
        ON CONFLICT (location_id, upper(evse_uid)) DO UPDATE
        SET evse_uid = excluded.evse_uid, status = excluded.status, last_updated = excluded.last_updated, version = excluded.version
        WHERE excluded.version > evse_status.version;
        """;

    private const string RaiseLocationSql = "UPDATE locations SET last_updated = @last_updated WHERE id = @id AND last_updated < @last_updated;";

    // A group read's keys are one JSON array of [location_id, evse_uid] pairs, each looked up by the unique
    // (location_id, upper(evse_uid)) index: a uid in another case than the stored one reads the EVSE's row.
    internal const string ReadManySql = $"""
        {SelectColumns}
        JOIN json_each(@keys) AS k ON location_id = json_extract(k.value, '$[0]') AND upper(evse_uid) = upper(json_extract(k.value, '$[1]'));
        """;

    private readonly string _connectionString;
    private readonly GroupCommitter<EvseStatusRecord> _committer;
    private readonly GroupReader<(string, string), EvseStatusRecord> _reads;

    public SqliteStatusStore(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = options.ConnectionString;
        _committer = new GroupCommitter<EvseStatusRecord>("sqlite-status", CommitAsync, StatusWriteConflictException.For, options.MaxBatchSize);
        _reads = new GroupReader<(string, string), EvseStatusRecord>("sqlite-status", ReadManyAsync, concurrency: SqliteConnections.GroupReadConcurrency);
    }

    public long CommittedBatches => _committer.CommittedBatches;

    public long CommittedItems => _committer.CommittedItems;

    public long FailedBatches => _committer.FailedBatches;

    /// <summary>
    /// Concurrent reads (EVSE grains activating: the first reports after an import, a restart) share one query per
    /// batch (see <see cref="GroupReader{TKey,TValue}"/>). A read of its own opened a pooled connection, set its busy
    /// timeout and ran a statement: most of an activation's cost in a 100k-EVSE burst.
    /// </summary>
    public Task<EvseStatusRecord?> ReadAsync(string locationId, string evseUid, CancellationToken cancellationToken = default) =>
        _reads.ReadAsync((locationId, evseUid), cancellationToken);

    private async Task<IReadOnlyDictionary<(string, string), EvseStatusRecord>> ReadManyAsync(IReadOnlyList<(string LocationId, string EvseUid)> keys, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = ReadManySql;
        command.Parameters.AddWithValue("@keys", JsonSerializer.Serialize(keys.Select(k => new[] { k.LocationId, k.EvseUid })));
        using var reader = command.ExecuteReader();
        var found = new Dictionary<(string, string), EvseStatusRecord>(keys.Count, EvseRowKeyComparer.Instance);
        while (reader.Read())
        {
            var record = ReadRecord(reader);
            found[(record.LocationId, record.EvseUid)] = record;
        }

        return found;
    }

    public async Task<IReadOnlyList<EvseStatusRecord>> ReadLocationsAsync(IReadOnlyCollection<string> locationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(locationIds);
        if (locationIds.Count == 0)
        {
            return [];
        }

        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        // One JSON array parameter instead of one parameter per id: no limit on the number of ids.
        command.CommandText = $"{SelectColumns} WHERE location_id IN (SELECT value FROM json_each(@ids)) ORDER BY location_id, evse_uid;";
        command.Parameters.AddWithValue("@ids", JsonSerializer.Serialize(locationIds));
        using var reader = command.ExecuteReader();
        var records = new List<EvseStatusRecord>();
        while (reader.Read())
        {
            records.Add(ReadRecord(reader));
        }

        return records;
    }

    public Task WriteAsync(EvseStatusRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _committer.EnqueueAsync(record, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _reads.DisposeAsync().ConfigureAwait(false);
        await _committer.DisposeAsync().ConfigureAwait(false);
    }

    internal static EvseStatusRecord ReadRecord(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        EvseStatusCodes.Parse(reader.GetString(2)),
        UnixMillis.ToDateTimeOffset(reader.GetInt64(3)),
        reader.GetInt64(4));

    /// <returns>The records not stored because an equal or higher version was there (see <see cref="StatusWriteConflictException"/>).</returns>
    private async Task<IReadOnlyCollection<EvseStatusRecord>> CommitAsync(IReadOnlyList<EvseStatusRecord> batch)
    {
        var records = BatchNormalizer.LatestPerEvse(batch);
        using var turn = await SqliteWriteGate.EnterAsync(_connectionString).ConfigureAwait(false);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, CancellationToken.None).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);

        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = UpsertSql;
        var locationId = upsert.Parameters.Add("@location_id", SqliteType.Text);
        var evseUid = upsert.Parameters.Add("@evse_uid", SqliteType.Text);
        var status = upsert.Parameters.Add("@status", SqliteType.Text);
        var lastUpdated = upsert.Parameters.Add("@last_updated", SqliteType.Integer);
        var version = upsert.Parameters.Add("@version", SqliteType.Integer);
        upsert.Prepare();

        // Only accepted changes move a location's last_updated; a stale write that lost to a higher version does not.
        var touched = new Dictionary<string, long>(StringComparer.Ordinal);
        var stored = new HashSet<EvseStatusRecord>(ReferenceEqualityComparer.Instance);
        foreach (var record in records)
        {
            locationId.Value = record.LocationId;
            evseUid.Value = record.EvseUid;
            status.Value = EvseStatusCodes.ToCode(record.Status);
            var millis = UnixMillis.From(record.LastUpdated);
            lastUpdated.Value = millis;
            version.Value = record.Version;
            if (upsert.ExecuteNonQuery() == 0)
            {
                continue;
            }

            stored.Add(record);
            if (!touched.TryGetValue(record.LocationId, out var known) || millis > known)
            {
                touched[record.LocationId] = millis;
            }
        }

        if (touched.Count > 0)
        {
            using var raise = connection.CreateCommand();
            raise.Transaction = transaction;
            raise.CommandText = RaiseLocationSql;
            var id = raise.Parameters.Add("@id", SqliteType.Text);
            var at = raise.Parameters.Add("@last_updated", SqliteType.Integer);
            raise.Prepare();
            foreach (var (location, millis) in touched.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                id.Value = location;
                at.Value = millis;
                raise.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return stored.Count == batch.Count ? [] : batch.Where(r => !stored.Contains(r)).ToList();
    }
}
