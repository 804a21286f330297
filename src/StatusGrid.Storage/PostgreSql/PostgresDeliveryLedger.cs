using Npgsql;
using NpgsqlTypes;
using StatusGrid.Storage.GroupCommit;

namespace StatusGrid.Storage.PostgreSql;

/// <summary><see cref="IDeliveryLedger"/> on PostgreSQL; deliveries are group-committed as one multi-row upsert.</summary>
public sealed class PostgresDeliveryLedger : IDeliveryLedger, IGroupCommitStatistics, IAsyncDisposable
{
    private const string UpsertSql = """
        INSERT INTO partner_delivery AS d (partner_id, location_id, evse_uid, version)
        SELECT * FROM unnest(@partner_ids, @location_ids, @evse_uids, @versions)
        ON CONFLICT (partner_id, location_id, evse_uid) DO UPDATE
        SET version = excluded.version
        WHERE excluded.version > d.version;
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitter<DeliveryBatchItem> _committer;

    public PostgresDeliveryLedger(NpgsqlDataSource dataSource, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _committer = new GroupCommitter<DeliveryBatchItem>("postgres-delivery", CommitAsync, options.MaxBatchSize, item => item.Delivered.Count);
    }

    public long CommittedBatches => _committer.CommittedBatches;

    public long CommittedItems => _committer.CommittedItems;

    public long FailedBatches => _committer.FailedBatches;

    public Task RecordDeliveredAsync(string partnerId, IReadOnlyCollection<DeliveredVersion> delivered, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        ArgumentNullException.ThrowIfNull(delivered);
        return delivered.Count == 0 ? Task.CompletedTask : _committer.EnqueueAsync(new DeliveryBatchItem(partnerId, delivered), cancellationToken);
    }

    public async Task<IReadOnlyList<DeliveredVersion>> ReadDeliveredAsync(string partnerId, IReadOnlyCollection<EvseRef> evses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        ArgumentNullException.ThrowIfNull(evses);
        if (evses.Count == 0)
        {
            return [];
        }

        await using var command = _dataSource.CreateCommand(DeliveryLedgerSql.DeliveredPostgres);
        command.Parameters.AddWithValue("partner_id", partnerId);
        command.Parameters.Add(new NpgsqlParameter<string[]>("location_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = evses.Select(e => e.LocationId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]>("evse_uids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = evses.Select(e => e.EvseUid).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var delivered = new List<DeliveredVersion>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            delivered.Add(new DeliveredVersion(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return delivered;
    }

    public async Task<IReadOnlyList<EvseStatusRecord>> ReadUndeliveredAsync(string partnerId, int limit, EvseRef? after = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var command = _dataSource.CreateCommand(DeliveryLedgerSql.Undelivered);
        command.Parameters.AddWithValue("partner_id", partnerId);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("after_location", after?.LocationId ?? "");
        command.Parameters.AddWithValue("after_evse", after?.EvseUid ?? "");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<EvseStatusRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(PostgresStatusStore.ReadRecord(reader));
        }

        return records;
    }

    public async Task<IReadOnlyList<UndeliveredLocation>> ReadUndeliveredLocationsAsync(string partnerId, int limit, string? afterId = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var command = _dataSource.CreateCommand(DeliveryLedgerSql.UndeliveredLocations);
        command.Parameters.AddWithValue("partner_id", partnerId);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("after", afterId ?? "");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var locations = new List<UndeliveredLocation>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            locations.Add(new UndeliveredLocation(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return locations;
    }

    public async Task ReopenDocumentsAsync(string partnerId, IReadOnlyCollection<string> locationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        ArgumentNullException.ThrowIfNull(locationIds);
        if (locationIds.Count == 0)
        {
            return;
        }

        await using var command = _dataSource.CreateCommand(DeliveryLedgerSql.ReopenDocumentsPostgres);
        command.Parameters.AddWithValue("partner_id", partnerId);
        command.Parameters.Add(new NpgsqlParameter<string[]>("location_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. locationIds] });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _committer.DisposeAsync();

    private async Task CommitAsync(IReadOnlyList<DeliveryBatchItem> batch)
    {
        var rows = BatchNormalizer.HighestDelivered(batch);
        await using var command = _dataSource.CreateCommand(UpsertSql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("partner_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = rows.Select(r => r.PartnerId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]>("location_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = rows.Select(r => r.Delivered.LocationId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]>("evse_uids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = rows.Select(r => r.Delivered.EvseUid).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]>("versions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = rows.Select(r => r.Delivered.Version).ToArray() });
        // One statement is one transaction: no explicit BEGIN/COMMIT round trips needed.
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
