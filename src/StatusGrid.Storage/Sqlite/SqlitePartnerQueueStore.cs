using Microsoft.Data.Sqlite;

namespace StatusGrid.Storage.Sqlite;

/// <summary><see cref="IPartnerQueueStore"/> on SQLite: each save one IMMEDIATE, fully synced transaction.</summary>
public sealed class SqlitePartnerQueueStore(StorageOptions options) : IPartnerQueueStore
{
    private readonly string _connectionString = (options ?? throw new ArgumentNullException(nameof(options))).ConnectionString;

    public async Task<PartnerQueueRows> ReadAsync(string partnerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        // One read transaction: the three tables as of one save.
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("@partner_id", partnerId);
        command.CommandText = "SELECT meta FROM partner_queue_meta WHERE partner_id = @partner_id;";
        var meta = command.ExecuteScalar() as string;
        if (meta is null)
        {
            return PartnerQueueRows.Empty;
        }

        var messages = new List<QueuedMessageRow>();
        command.CommandText = "SELECT seq, payload FROM partner_queue_messages WHERE partner_id = @partner_id ORDER BY seq;";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                messages.Add(new QueuedMessageRow(reader.GetInt64(0), reader.GetString(1)));
            }
        }

        var sent = new List<SentStateRow>();
        command.CommandText = "SELECT evse_key, last_updated, version, status FROM partner_queue_sent WHERE partner_id = @partner_id;";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                sent.Add(new SentStateRow(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3)));
            }
        }

        return new PartnerQueueRows(meta, messages, sent);
    }

    public async Task WriteAsync(string partnerId, PartnerQueueWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        ArgumentNullException.ThrowIfNull(write);
        using var turn = await SqliteWriteGate.EnterAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        // A hand-off is acknowledged (and the report answered) once this commit returns: on disk, not just in the WAL.
        SqliteConnections.SetSynchronous(connection, "FULL");
        using var transaction = connection.BeginTransaction(deferred: false);

        var owned = Execute(connection, transaction, write.Claim ? PartnerQueueSql.Claim : PartnerQueueSql.UpdateOwned,
            ("@partner_id", partnerId), ("@owner", write.Owner), ("@meta", write.Meta));
        if (owned == 0)
        {
            throw new PartnerQueueFencedException(partnerId); // rolled back with the transaction
        }

        if (write.Deletes.Count > 0)
        {
            using var delete = Prepare(connection, transaction, "DELETE FROM partner_queue_messages WHERE partner_id = @partner_id AND seq = @seq;", partnerId);
            var seq = delete.Parameters.Add("@seq", SqliteType.Integer);
            foreach (var deleted in write.Deletes)
            {
                seq.Value = deleted;
                delete.ExecuteNonQuery();
            }
        }

        if (write.Upserts.Count > 0)
        {
            using var upsert = Prepare(connection, transaction, """
                INSERT INTO partner_queue_messages (partner_id, seq, payload) VALUES (@partner_id, @seq, @payload)
                ON CONFLICT (partner_id, seq) DO UPDATE SET payload = excluded.payload;
                """, partnerId);
            var seq = upsert.Parameters.Add("@seq", SqliteType.Integer);
            var payload = upsert.Parameters.Add("@payload", SqliteType.Text);
            foreach (var row in write.Upserts)
            {
                seq.Value = row.Seq;
                payload.Value = row.Payload;
                upsert.ExecuteNonQuery();
            }
        }

        if (write.Sent.Count > 0)
        {
            using var upsert = Prepare(connection, transaction, """
                INSERT INTO partner_queue_sent (partner_id, evse_key, last_updated, version, status)
                VALUES (@partner_id, @evse_key, @last_updated, @version, @status)
                ON CONFLICT (partner_id, evse_key) DO UPDATE
                SET last_updated = excluded.last_updated, version = excluded.version, status = excluded.status;
                """, partnerId);
            var key = upsert.Parameters.Add("@evse_key", SqliteType.Text);
            var lastUpdated = upsert.Parameters.Add("@last_updated", SqliteType.Integer);
            var version = upsert.Parameters.Add("@version", SqliteType.Integer);
            var status = upsert.Parameters.Add("@status", SqliteType.Integer);
            foreach (var row in write.Sent)
            {
                key.Value = row.EvseKey;
                lastUpdated.Value = row.LastUpdatedUnixMs;
                version.Value = row.Version;
                status.Value = row.Status;
                upsert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    public async Task DeleteAsync(string partnerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        using var turn = await SqliteWriteGate.EnterAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        SqliteConnections.SetSynchronous(connection, "FULL");
        using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var table in (string[])["partner_queue_messages", "partner_queue_sent", "partner_queue_meta"])
        {
            Execute(connection, transaction, $"DELETE FROM {table} WHERE partner_id = @partner_id;", ("@partner_id", partnerId));
        }

        transaction.Commit();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, string partnerId)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@partner_id", partnerId);
        return command;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }
}
