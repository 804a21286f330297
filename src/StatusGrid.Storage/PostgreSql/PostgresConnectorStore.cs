using Npgsql;
using NpgsqlTypes;
using StatusGrid.Storage.GroupCommit;

namespace StatusGrid.Storage.PostgreSql;

/// <summary><see cref="IConnectorStore"/> on PostgreSQL: one multi-row upsert over unnest()ed arrays per batch.</summary>
public sealed class PostgresConnectorStore : IConnectorStore, IGroupCommitStatistics, IAsyncDisposable
{
    // A row observed earlier than the stored one never replaces it. Rows arrive sorted by key (no deadlock between silos).
    private const string UpsertSql = """
        INSERT INTO charge_point_connectors AS c (identity, evse_id, connector_id, state, observed_at, error_code)
        SELECT * FROM unnest(@identities, @evse_ids, @connector_ids, @states, @observed_at, @error_codes)
        ON CONFLICT (identity, evse_id, connector_id) DO UPDATE
        SET state = excluded.state, observed_at = excluded.observed_at, error_code = excluded.error_code
        WHERE excluded.observed_at >= c.observed_at;
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitter<ConnectorStatusRow> _committer;

    public PostgresConnectorStore(NpgsqlDataSource dataSource, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _committer = new GroupCommitter<ConnectorStatusRow>("postgres-connectors", CommitAsync, options.MaxBatchSize);
    }

    public long CommittedBatches => _committer.CommittedBatches;

    public long CommittedItems => _committer.CommittedItems;

    public long FailedBatches => _committer.FailedBatches;

    public async Task<IReadOnlyList<ConnectorStatusRow>> ReadAsync(string identity, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT identity, evse_id, connector_id, state, observed_at, error_code FROM charge_point_connectors
            WHERE identity = @identity ORDER BY evse_id, connector_id;
            """);
        command.Parameters.AddWithValue("identity", identity);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ConnectorStatusRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ConnectorStatusRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3),
                UnixMillis.FromUtcDateTime(reader.GetDateTime(4)), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return rows;
    }

    public Task WriteAsync(ConnectorStatusRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _committer.EnqueueAsync(row, cancellationToken);
    }

    public async Task DeleteAsync(string identity, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM charge_point_connectors WHERE identity = @identity;");
        command.Parameters.AddWithValue("identity", identity);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _committer.DisposeAsync();

    private async Task CommitAsync(IReadOnlyList<ConnectorStatusRow> batch)
    {
        var rows = ConnectorRows.LatestPerConnector(batch);
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var upsert = new NpgsqlCommand(UpsertSql, connection);
        upsert.Parameters.Add(new NpgsqlParameter<string[]>("identities", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. rows.Select(r => r.Identity)] });
        upsert.Parameters.Add(new NpgsqlParameter<int[]>("evse_ids", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. rows.Select(r => r.EvseId)] });
        upsert.Parameters.Add(new NpgsqlParameter<int[]>("connector_ids", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. rows.Select(r => r.ConnectorId)] });
        upsert.Parameters.Add(new NpgsqlParameter<string[]>("states", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. rows.Select(r => r.State)] });
        upsert.Parameters.Add(new NpgsqlParameter<DateTime[]>("observed_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [.. rows.Select(r => UnixMillis.ToUtcDateTime(r.ObservedAt))] });
        upsert.Parameters.Add(new NpgsqlParameter<string?[]>("error_codes", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. rows.Select(r => r.ErrorCode)] });
        await upsert.ExecuteNonQueryAsync().ConfigureAwait(false); // one statement: its own transaction
    }
}
