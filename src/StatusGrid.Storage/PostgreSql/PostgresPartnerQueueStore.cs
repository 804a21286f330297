using Npgsql;
using NpgsqlTypes;

namespace StatusGrid.Storage.PostgreSql;

/// <summary><see cref="IPartnerQueueStore"/> on PostgreSQL: each save one transaction of array-bound statements.</summary>
public sealed class PostgresPartnerQueueStore(NpgsqlDataSource dataSource) : IPartnerQueueStore
{
    private readonly NpgsqlDataSource _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    public async Task<PartnerQueueRows> ReadAsync(string partnerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Repeatable read: the three tables as of one save, even while the partner's (previous) activation writes.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT meta FROM partner_queue_meta WHERE partner_id = @partner_id;", connection, transaction);
        command.Parameters.AddWithValue("partner_id", partnerId);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string meta)
        {
            return PartnerQueueRows.Empty;
        }

        var messages = new List<QueuedMessageRow>();
        command.CommandText = "SELECT seq, payload FROM partner_queue_messages WHERE partner_id = @partner_id ORDER BY seq;";
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                messages.Add(new QueuedMessageRow(reader.GetInt64(0), reader.GetString(1)));
            }
        }

        var sent = new List<SentStateRow>();
        command.CommandText = "SELECT evse_key, last_updated, version, status FROM partner_queue_sent WHERE partner_id = @partner_id;";
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                sent.Add(new SentStateRow(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt16(3)));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new PartnerQueueRows(meta, messages, sent);
    }

    public async Task WriteAsync(string partnerId, PartnerQueueWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        ArgumentNullException.ThrowIfNull(write);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var meta = new NpgsqlCommand(write.Claim ? PartnerQueueSql.Claim : PartnerQueueSql.UpdateOwned, connection, transaction))
        {
            meta.Parameters.AddWithValue("partner_id", partnerId);
            meta.Parameters.AddWithValue("owner", write.Owner);
            meta.Parameters.AddWithValue("meta", write.Meta);
            // The row stays locked to the commit: a claim of another activation waits for this save, then wins.
            if (await meta.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new PartnerQueueFencedException(partnerId); // rolled back with the transaction
            }
        }

        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch.ConfigureAwait(false))
        {
            if (write.Deletes.Count > 0)
            {
                var delete = new NpgsqlBatchCommand("DELETE FROM partner_queue_messages WHERE partner_id = @partner_id AND seq = ANY(@seqs);");
                delete.Parameters.AddWithValue("partner_id", partnerId);
                delete.Parameters.Add(new NpgsqlParameter<long[]>("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. write.Deletes] });
                batch.BatchCommands.Add(delete);
            }

            if (write.Upserts.Count > 0)
            {
                var upsert = new NpgsqlBatchCommand("""
                    INSERT INTO partner_queue_messages (partner_id, seq, payload)
                    SELECT @partner_id, * FROM unnest(@seqs, @payloads)
                    ON CONFLICT (partner_id, seq) DO UPDATE SET payload = excluded.payload;
                    """);
                upsert.Parameters.AddWithValue("partner_id", partnerId);
                upsert.Parameters.Add(new NpgsqlParameter<long[]>("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. write.Upserts.Select(r => r.Seq)] });
                upsert.Parameters.Add(new NpgsqlParameter<string[]>("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. write.Upserts.Select(r => r.Payload)] });
                batch.BatchCommands.Add(upsert);
            }

            if (write.Sent.Count > 0)
            {
                var sent = new NpgsqlBatchCommand("""
                    INSERT INTO partner_queue_sent (partner_id, evse_key, last_updated, version, status)
                    SELECT @partner_id, * FROM unnest(@keys, @last_updated, @versions, @statuses)
                    ON CONFLICT (partner_id, evse_key) DO UPDATE
                    SET last_updated = excluded.last_updated, version = excluded.version, status = excluded.status;
                    """);
                sent.Parameters.AddWithValue("partner_id", partnerId);
                sent.Parameters.Add(new NpgsqlParameter<string[]>("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. write.Sent.Select(r => r.EvseKey)] });
                sent.Parameters.Add(new NpgsqlParameter<long[]>("last_updated", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. write.Sent.Select(r => r.LastUpdatedUnixMs)] });
                sent.Parameters.Add(new NpgsqlParameter<long[]>("versions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. write.Sent.Select(r => r.Version)] });
                sent.Parameters.Add(new NpgsqlParameter<short[]>("statuses", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { TypedValue = [.. write.Sent.Select(r => (short)r.Status)] });
                batch.BatchCommands.Add(sent);
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string partnerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        await using var command = _dataSource.CreateCommand("""
            DELETE FROM partner_queue_messages WHERE partner_id = @partner_id;
            DELETE FROM partner_queue_sent WHERE partner_id = @partner_id;
            DELETE FROM partner_queue_meta WHERE partner_id = @partner_id;
            """);
        command.Parameters.AddWithValue("partner_id", partnerId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false); // one implicit transaction
    }
}
