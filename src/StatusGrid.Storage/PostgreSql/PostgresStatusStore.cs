using Npgsql;
using NpgsqlTypes;
using StatusGrid.Storage.GroupCommit;

namespace StatusGrid.Storage.PostgreSql;

/// <summary>
/// <see cref="IStatusStore"/> on PostgreSQL. One transaction per group-commit batch: a single multi-row upsert
/// over unnest()ed arrays (one round trip whatever the batch size), then one update of the touched locations.
/// </summary>
public sealed class PostgresStatusStore : IStatusStore, IGroupCommitStatistics, IAsyncDisposable
{
    private const string SelectColumns = "SELECT location_id, evse_uid, status, last_updated, version FROM evse_status";

    // The stored row is replaced only by a higher version; RETURNING lists the accepted rows, whose locations
    // are then raised. Input is sorted by key so concurrent silos lock rows in the same order. One row per EVSE
    // whatever the case of its uid (migration 17): a write under another spelling lands on the stored row and renames
    // it to the writer's, the EVSE grain's identity, which is the spelling its Location's document holds.
    private const string UpsertSql = """
        INSERT INTO evse_status AS s (location_id, evse_uid, status, last_updated, version)
        SELECT * FROM unnest(@location_ids, @evse_uids, @statuses, @last_updated, @versions)
        ON CONFLICT (location_id, upper(evse_uid)) DO UPDATE
        SET evse_uid = excluded.evse_uid, status = excluded.status, last_updated = excluded.last_updated, version = excluded.version
        WHERE excluded.version > s.version
        RETURNING s.location_id, s.last_updated, s.evse_uid;
        """;

    // Locks in id order first (ORDER BY ... FOR UPDATE locks in that order), so two silos raising overlapping
    // locations wait for each other instead of deadlocking; then raises each to max(stored, new).
    private const string LockLocationsSql = "SELECT 1 FROM locations WHERE id = ANY(@ids) ORDER BY id FOR UPDATE;";

    private const string RaiseLocationsSql = """
        UPDATE locations l SET last_updated = u.last_updated
        FROM unnest(@ids, @last_updated) AS u(id, last_updated)
        WHERE l.id = u.id AND l.last_updated < u.last_updated;
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitter<EvseStatusRecord> _committer;
    private readonly GroupReader<(string, string), EvseStatusRecord> _reads;

    public PostgresStatusStore(NpgsqlDataSource dataSource, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _committer = new GroupCommitter<EvseStatusRecord>("postgres-status", CommitAsync, StatusWriteConflictException.For, options.MaxBatchSize);
        _reads = new GroupReader<(string, string), EvseStatusRecord>("postgres-status", ReadManyAsync);
    }

    public long CommittedBatches => _committer.CommittedBatches;

    public long CommittedItems => _committer.CommittedItems;

    public long FailedBatches => _committer.FailedBatches;

    /// <summary>Concurrent reads (EVSE grains activating) share one query per batch: see <see cref="GroupReader{TKey,TValue}"/>.</summary>
    public Task<EvseStatusRecord?> ReadAsync(string locationId, string evseUid, CancellationToken cancellationToken = default) =>
        _reads.ReadAsync((locationId, evseUid), cancellationToken);

    private async Task<IReadOnlyDictionary<(string, string), EvseStatusRecord>> ReadManyAsync(IReadOnlyList<(string LocationId, string EvseUid)> keys, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            """
            SELECT s.location_id, s.evse_uid, s.status, s.last_updated, s.version FROM evse_status s
            JOIN unnest(@location_ids, @evse_uids) AS k(location_id, evse_uid) ON s.location_id = k.location_id AND upper(s.evse_uid) = upper(k.evse_uid);
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]>("location_ids", [.. keys.Select(k => k.LocationId)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("evse_uids", [.. keys.Select(k => k.EvseUid)]));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        // Keyed as the table is: a uid read in another case than the stored one finds the EVSE's row.
        var found = new Dictionary<(string, string), EvseStatusRecord>(keys.Count, EvseRowKeyComparer.Instance);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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

        await using var command = _dataSource.CreateCommand($"{SelectColumns} WHERE location_id = ANY(@ids) ORDER BY location_id, evse_uid;");
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", locationIds.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<EvseStatusRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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

    internal static EvseStatusRecord ReadRecord(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        EvseStatusCodes.Parse(reader.GetString(2)),
        UnixMillis.FromUtcDateTime(reader.GetDateTime(3)),
        reader.GetInt64(4));

    /// <returns>The records not stored because an equal or higher version was there (see <see cref="StatusWriteConflictException"/>).</returns>
    private async Task<IReadOnlyCollection<EvseStatusRecord>> CommitAsync(IReadOnlyList<EvseStatusRecord> batch)
    {
        var records = BatchNormalizer.LatestPerEvse(batch);
        var count = records.Count;
        var locationIds = new string[count];
        var evseUids = new string[count];
        var statuses = new string[count];
        var lastUpdated = new DateTime[count];
        var versions = new long[count];
        for (var i = 0; i < count; i++)
        {
            var record = records[i];
            locationIds[i] = record.LocationId;
            evseUids[i] = record.EvseUid;
            statuses[i] = EvseStatusCodes.ToCode(record.Status);
            lastUpdated[i] = UnixMillis.ToUtcDateTime(record.LastUpdated);
            versions[i] = record.Version;
        }

        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);

        // Only accepted changes move a location's last_updated; a stale write that lost to a higher version does not.
        var touched = new SortedDictionary<string, DateTime>(StringComparer.Ordinal);
        var byKey = new Dictionary<(string, string), EvseStatusRecord>(count, EvseRowKeyComparer.Instance);
        foreach (var record in records)
        {
            byKey[(record.LocationId, record.EvseUid)] = record;
        }

        var stored = new HashSet<EvseStatusRecord>(ReferenceEqualityComparer.Instance);
        await using (var upsert = new NpgsqlCommand(UpsertSql, connection, transaction))
        {
            upsert.Parameters.Add(new NpgsqlParameter<string[]>("location_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = locationIds });
            upsert.Parameters.Add(new NpgsqlParameter<string[]>("evse_uids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = evseUids });
            upsert.Parameters.Add(new NpgsqlParameter<string[]>("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = statuses });
            upsert.Parameters.Add(new NpgsqlParameter<DateTime[]>("last_updated", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = lastUpdated });
            upsert.Parameters.Add(new NpgsqlParameter<long[]>("versions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = versions });
            await using var reader = await upsert.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                var location = reader.GetString(0);
                var at = reader.GetDateTime(1);
                stored.Add(byKey[(location, reader.GetString(2))]);
                if (!touched.TryGetValue(location, out var known) || at > known)
                {
                    touched[location] = at;
                }
            }
        }

        if (touched.Count > 0)
        {
            var ids = touched.Keys.ToArray();
            await using var raise = new NpgsqlBatch(connection, transaction);
            var lockLocations = new NpgsqlBatchCommand(LockLocationsSql);
            lockLocations.Parameters.Add(new NpgsqlParameter<string[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = ids });
            raise.BatchCommands.Add(lockLocations);
            var update = new NpgsqlBatchCommand(RaiseLocationsSql);
            update.Parameters.Add(new NpgsqlParameter<string[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = ids });
            update.Parameters.Add(new NpgsqlParameter<DateTime[]>("last_updated", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = touched.Values.ToArray() });
            raise.BatchCommands.Add(update);
            await raise.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return stored.Count == batch.Count ? [] : batch.Where(r => !stored.Contains(r)).ToList();
    }
}
