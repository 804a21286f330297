using Microsoft.Data.Sqlite;
using StatusGrid.Storage.GroupCommit;

namespace StatusGrid.Storage.Sqlite;

/// <summary><see cref="IConnectorStore"/> on SQLite: one IMMEDIATE transaction per group-commit batch.</summary>
public sealed class SqliteConnectorStore : IConnectorStore, IGroupCommitStatistics, IAsyncDisposable
{
    // A row observed earlier than the stored one never replaces it.
    private const string UpsertSql = """
        INSERT INTO charge_point_connectors (identity, evse_id, connector_id, state, observed_at, error_code)
        VALUES (@identity, @evse_id, @connector_id, @state, @observed_at, @error_code)
        ON CONFLICT (identity, evse_id, connector_id) DO UPDATE
        SET state = excluded.state, observed_at = excluded.observed_at, error_code = excluded.error_code
        WHERE excluded.observed_at >= charge_point_connectors.observed_at;
        """;

    private readonly string _connectionString;
    private readonly GroupCommitter<ConnectorStatusRow> _committer;

    public SqliteConnectorStore(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = options.ConnectionString;
        _committer = new GroupCommitter<ConnectorStatusRow>("sqlite-connectors", CommitAsync, options.MaxBatchSize);
    }

    public long CommittedBatches => _committer.CommittedBatches;

    public long CommittedItems => _committer.CommittedItems;

    public long FailedBatches => _committer.FailedBatches;

    public async Task<IReadOnlyList<ConnectorStatusRow>> ReadAsync(string identity, CancellationToken cancellationToken = default)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT identity, evse_id, connector_id, state, observed_at, error_code FROM charge_point_connectors
            WHERE identity = @identity ORDER BY evse_id, connector_id;
            """;
        command.Parameters.AddWithValue("@identity", identity);
        using var reader = command.ExecuteReader();
        var rows = new List<ConnectorStatusRow>();
        while (reader.Read())
        {
            rows.Add(new ConnectorStatusRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3),
                UnixMillis.ToDateTimeOffset(reader.GetInt64(4)), reader.IsDBNull(5) ? null : reader.GetString(5)));
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
        using var turn = await SqliteWriteGate.EnterAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM charge_point_connectors WHERE identity = @identity;";
        command.Parameters.AddWithValue("@identity", identity);
        command.ExecuteNonQuery();
    }

    public ValueTask DisposeAsync() => _committer.DisposeAsync();

    private async Task CommitAsync(IReadOnlyList<ConnectorStatusRow> batch)
    {
        var rows = ConnectorRows.LatestPerConnector(batch);
        using var turn = await SqliteWriteGate.EnterAsync(_connectionString).ConfigureAwait(false);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, CancellationToken.None).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = UpsertSql;
        var identity = upsert.Parameters.Add("@identity", SqliteType.Text);
        var evseId = upsert.Parameters.Add("@evse_id", SqliteType.Integer);
        var connectorId = upsert.Parameters.Add("@connector_id", SqliteType.Integer);
        var state = upsert.Parameters.Add("@state", SqliteType.Text);
        var observedAt = upsert.Parameters.Add("@observed_at", SqliteType.Integer);
        var errorCode = upsert.Parameters.Add("@error_code", SqliteType.Text);
        upsert.Prepare();
        foreach (var row in rows)
        {
            identity.Value = row.Identity;
            evseId.Value = row.EvseId;
            connectorId.Value = row.ConnectorId;
            state.Value = row.State;
            observedAt.Value = UnixMillis.From(row.ObservedAt);
            errorCode.Value = (object?)row.ErrorCode ?? DBNull.Value;
            upsert.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
