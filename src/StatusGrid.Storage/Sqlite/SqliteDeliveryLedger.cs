using System.Text.Json;
using Microsoft.Data.Sqlite;
using StatusGrid.Storage.GroupCommit;

namespace StatusGrid.Storage.Sqlite;

/// <summary><see cref="IDeliveryLedger"/> on SQLite; deliveries are group-committed like status writes.</summary>
public sealed class SqliteDeliveryLedger : IDeliveryLedger, IGroupCommitStatistics, IAsyncDisposable
{
    private const string UpsertSql = """
        INSERT INTO partner_delivery (partner_id, location_id, evse_uid, version)
        VALUES (@partner_id, @location_id, @evse_uid, @version)
        ON CONFLICT (partner_id, location_id, evse_uid) DO UPDATE
        SET version = excluded.version
        WHERE excluded.version > partner_delivery.version;
        """;

    private readonly string _connectionString;
    private readonly GroupCommitter<DeliveryBatchItem> _committer;

    public SqliteDeliveryLedger(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = options.ConnectionString;
        _committer = new GroupCommitter<DeliveryBatchItem>("sqlite-delivery", CommitAsync, options.MaxBatchSize, item => item.Delivered.Count);
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

        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = DeliveryLedgerSql.DeliveredSqlite;
        command.Parameters.AddWithValue("@partner_id", partnerId);
        command.Parameters.AddWithValue("@evses", JsonSerializer.Serialize(evses.Select(e => new[] { e.LocationId, e.EvseUid })));
        using var reader = command.ExecuteReader();
        var delivered = new List<DeliveredVersion>();
        while (reader.Read())
        {
            delivered.Add(new DeliveredVersion(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return delivered;
    }

    public async Task<IReadOnlyList<EvseStatusRecord>> ReadUndeliveredAsync(string partnerId, int limit, EvseRef? after = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = DeliveryLedgerSql.Undelivered;
        command.Parameters.AddWithValue("@partner_id", partnerId);
        command.Parameters.AddWithValue("@limit", limit);
        command.Parameters.AddWithValue("@after_location", after?.LocationId ?? "");
        command.Parameters.AddWithValue("@after_evse", after?.EvseUid ?? "");
        using var reader = command.ExecuteReader();
        var records = new List<EvseStatusRecord>();
        while (reader.Read())
        {
            records.Add(SqliteStatusStore.ReadRecord(reader));
        }

        return records;
    }

    public async Task<IReadOnlyList<UndeliveredLocation>> ReadUndeliveredLocationsAsync(string partnerId, int limit, string? afterId = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = DeliveryLedgerSql.UndeliveredLocations;
        command.Parameters.AddWithValue("@partner_id", partnerId);
        command.Parameters.AddWithValue("@limit", limit);
        command.Parameters.AddWithValue("@after", afterId ?? "");
        using var reader = command.ExecuteReader();
        var locations = new List<UndeliveredLocation>();
        while (reader.Read())
        {
            locations.Add(new UndeliveredLocation(reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0, reader.GetInt64(3), reader.GetInt64(4)));
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

        // Durable (FULL, the pool's default), unlike delivery records: losing this one would lose a withdrawal.
        using var turn = await SqliteWriteGate.EnterAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = DeliveryLedgerSql.ReopenDocumentsSqlite;
        command.Parameters.AddWithValue("@partner_id", partnerId);
        command.Parameters.AddWithValue("@location_ids", JsonSerializer.Serialize(locationIds));
        command.ExecuteNonQuery();
    }

    public ValueTask DisposeAsync() => _committer.DisposeAsync();

    private async Task CommitAsync(IReadOnlyList<DeliveryBatchItem> batch)
    {
        var rows = BatchNormalizer.HighestDelivered(batch);
        using var turn = await SqliteWriteGate.EnterAsync(_connectionString).ConfigureAwait(false);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, CancellationToken.None).ConfigureAwait(false);
        // A delivery record lost with the machine (not the process: WAL commits survive that either way) only means
        // the current state goes to the partner once more, so these commits skip the fsync that status writes pay
        // (it was about a tenth of the server's CPU at 5,000 changes/s). Pooled connections go back durable.
        SqliteConnections.SetSynchronous(connection, "NORMAL");
        try
        {
            Upsert(connection, rows);
        }
        finally
        {
            SqliteConnections.SetSynchronous(connection, "FULL");
        }
    }

    private static void Upsert(SqliteConnection connection, List<(string PartnerId, DeliveredVersion Delivered)> rows)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = UpsertSql;
        var partnerId = upsert.Parameters.Add("@partner_id", SqliteType.Text);
        var locationId = upsert.Parameters.Add("@location_id", SqliteType.Text);
        var evseUid = upsert.Parameters.Add("@evse_uid", SqliteType.Text);
        var version = upsert.Parameters.Add("@version", SqliteType.Integer);
        upsert.Prepare();
        foreach (var (partner, delivered) in rows)
        {
            partnerId.Value = partner;
            locationId.Value = delivered.LocationId;
            evseUid.Value = delivered.EvseUid;
            version.Value = delivered.Version;
            upsert.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
