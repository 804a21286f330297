using System.Text.Json;
using Microsoft.Data.Sqlite;
using StatusGrid.Storage.GroupCommit;
using StatusGrid.Storage.Sqlite;

namespace StatusGrid.Storage.Estate;

/// <summary>
/// <see cref="IEstateStore"/> on SQLite: a whole import is one IMMEDIATE transaction of prepared inserts, so SQLite's
/// single writer is taken once per file instead of three times per EVSE.
/// </summary>
public sealed class SqliteEstateStore : IEstateStore, IAsyncDisposable
{
    private const int ProgressEvery = 1000;

    private const string MetaColumns = $"SELECT {EvseMetaSql.Columns}, horizon FROM evse_meta";

    private readonly string _connectionString;
    private readonly GroupReader<string, EvseMeta> _evses;

    public SqliteEstateStore(StorageOptions options)
    {
        _connectionString = (options ?? throw new ArgumentNullException(nameof(options))).ConnectionString;
        _evses = new GroupReader<string, EvseMeta>("sqlite-estate", FindEvsesAsync, concurrency: SqliteConnections.GroupReadConcurrency);
    }

    public ValueTask DisposeAsync() => _evses.DisposeAsync();

    public async Task<IReadOnlySet<string>> ExistingAsync(IReadOnlyCollection<string> locationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(locationIds);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT upper(id) FROM locations WHERE upper(id) IN (SELECT value FROM json_each(@ids));";
        command.Parameters.AddWithValue("@ids", JsonSerializer.Serialize(locationIds.Select(id => id.ToUpperInvariant())));
        using var reader = command.ExecuteReader();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            existing.Add(reader.GetString(0));
        }

        return existing;
    }

    public async Task<IReadOnlyList<string>> ImportAsync(IReadOnlyList<ImportedLocation> locations, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(locations);
        using var turn = await SqliteWriteGate.EnterAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);

        using var exists = Prepare(connection, transaction, "SELECT 1 FROM locations WHERE upper(id) = @key LIMIT 1;", ("@key", SqliteType.Text));
        using var location = Prepare(connection, transaction, """
            INSERT INTO locations (id, seq, country_code, country, party_id, publish, last_updated, json, document_version)
            VALUES (@id, (SELECT coalesce(max(seq), 0) + 1 FROM locations), @country_code, @country, @party_id, @publish, @last_updated, @json, 1);
            """,
            ("@id", SqliteType.Text), ("@country_code", SqliteType.Text), ("@country", SqliteType.Text), ("@party_id", SqliteType.Text),
            ("@publish", SqliteType.Integer), ("@last_updated", SqliteType.Integer), ("@json", SqliteType.Text));
        using var meta = Prepare(connection, transaction, $"""
            INSERT INTO evse_meta ({EvseMetaSql.Columns}, imported_seq)
            VALUES (@key, @location_id, @evse_uid, @evse_id, @evse_id_key, @country_code, @party_id, @publish, @country, @document_last_updated, @seq)
            ON CONFLICT (evse_key) DO UPDATE SET {EvseMetaSql.UpdateIdentity}, imported_seq = excluded.imported_seq;
            """,
            ("@key", SqliteType.Text), ("@location_id", SqliteType.Text), ("@evse_uid", SqliteType.Text), ("@evse_id", SqliteType.Text),
            ("@evse_id_key", SqliteType.Text), ("@country_code", SqliteType.Text), ("@party_id", SqliteType.Text), ("@publish", SqliteType.Integer),
            ("@country", SqliteType.Text), ("@document_last_updated", SqliteType.Integer), ("@seq", SqliteType.Integer));
        // A status row left from an earlier life of the EVSE (its version is what partners' ledgers compare) is kept,
        // under whichever spelling of its uid it has: no target, so the (location_id, upper(evse_uid)) index counts too.
        using var status = Prepare(connection, transaction, """
            INSERT INTO evse_status (location_id, evse_uid, status, last_updated, version)
            VALUES (@location_id, @evse_uid, @status, @last_updated, @version)
            ON CONFLICT DO NOTHING;
            """,
            ("@location_id", SqliteType.Text), ("@evse_uid", SqliteType.Text), ("@status", SqliteType.Text), ("@last_updated", SqliteType.Integer), ("@version", SqliteType.Integer));

        using var maxSeq = connection.CreateCommand();
        maxSeq.Transaction = transaction;
        maxSeq.CommandText = "SELECT coalesce(max(imported_seq), 0) FROM evse_meta;";
        // One value per row, ascending in file order (PostgreSQL's identity column does the same): the latest of
        // several EVSEs sharing an evse_id is the one later in the file, not whichever key sorts first.
        var seq = (long)maxSeq.ExecuteScalar()! + 1;

        var skipped = new List<string>();
        for (var i = 0; i < locations.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var item = locations[i];
            var row = item.Location;
            exists.Parameters[0].Value = row.Id.ToUpperInvariant();
            if (exists.ExecuteScalar() is not null)
            {
                skipped.Add(row.Id);
                continue;
            }

            Bind(location, row.Id, row.CountryCode.ToUpperInvariant(), row.Country.ToUpperInvariant(), row.PartyId, row.Publish ? 1 : 0, UnixMillis.From(row.LastUpdated), row.Json);
            location.ExecuteNonQuery();
            foreach (var evse in item.Evses)
            {
                Bind(meta, evse.Key, evse.LocationId, evse.EvseUid, (object?)evse.EvseId ?? DBNull.Value, (object?)evse.EvseIdKey ?? DBNull.Value,
                    evse.CountryCode, evse.PartyId, evse.Publish ? 1 : 0, evse.Country, UnixMillis.From(evse.DocumentLastUpdated), seq++);
                meta.ExecuteNonQuery();
            }

            foreach (var record in item.Statuses)
            {
                Bind(status, record.LocationId, record.EvseUid, EvseStatusCodes.ToCode(record.Status), UnixMillis.From(record.LastUpdated), record.Version);
                status.ExecuteNonQuery();
            }

            if ((i + 1) % ProgressEvery == 0)
            {
                progress?.Report(i + 1);
            }
        }

        transaction.Commit();
        progress?.Report(locations.Count);
        return skipped;
    }

    public async Task<StoredLocation?> FindLocationAsync(string locationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(locationId);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {LocationQuerySql.Columns} FROM locations WHERE upper(id) = @key LIMIT 1;";
        command.Parameters.AddWithValue("@key", locationId.ToUpperInvariant());
        using var reader = command.ExecuteReader();
        return reader.Read() ? SqliteLocationStore.ReadLocation(reader) : null;
    }

    /// <summary>
    /// Concurrent lookups (EVSE grains activating together) share one query per batch: see
    /// <see cref="GroupReader{TKey,TValue}"/> and <see cref="SqliteStatusStore.ReadAsync"/>.
    /// </summary>
    public Task<EvseMeta?> FindEvseAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _evses.ReadAsync(key, cancellationToken);
    }

    public Task<EvseMeta?> FindEvseIdAsync(string evseIdKey, CancellationToken cancellationToken = default) =>
        FindMetaAsync("evse_id_key = @key ORDER BY imported_seq DESC", evseIdKey, cancellationToken);

    public async Task SaveEvseAsync(EvseMeta evse, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evse);
        using var turn = await SqliteWriteGate.EnterAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO evse_meta ({EvseMetaSql.Columns}, horizon, imported_seq)
            VALUES (@key, @location_id, @evse_uid, @evse_id, @evse_id_key, @country_code, @party_id, @publish, @country, @document_last_updated, @horizon,
                    (SELECT coalesce(max(imported_seq), 0) + 1 FROM evse_meta))
            ON CONFLICT (evse_key) DO UPDATE SET {EvseMetaSql.UpdateIdentity}, horizon = excluded.horizon;
            """;
        command.Parameters.AddWithValue("@key", evse.Key);
        command.Parameters.AddWithValue("@location_id", evse.LocationId);
        command.Parameters.AddWithValue("@evse_uid", evse.EvseUid);
        command.Parameters.AddWithValue("@evse_id", (object?)evse.EvseId ?? DBNull.Value);
        command.Parameters.AddWithValue("@evse_id_key", (object?)evse.EvseIdKey ?? DBNull.Value);
        command.Parameters.AddWithValue("@country_code", evse.CountryCode);
        command.Parameters.AddWithValue("@party_id", evse.PartyId);
        command.Parameters.AddWithValue("@publish", evse.Publish ? 1 : 0);
        command.Parameters.AddWithValue("@country", evse.Country);
        command.Parameters.AddWithValue("@document_last_updated", UnixMillis.From(evse.DocumentLastUpdated));
        command.Parameters.AddWithValue("@horizon", evse.Horizon is { } horizon ? UnixMillis.From(horizon) : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RaiseEvseHorizonAsync(string key, DateTimeOffset horizon, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var turn = await SqliteWriteGate.EnterAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = EvseMetaSql.RaiseHorizon;
        command.Parameters.AddWithValue("@key", key);
        command.Parameters.AddWithValue("@horizon", UnixMillis.From(horizon));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<EvseMeta?> FindMetaAsync(string where, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"{MetaColumns} WHERE {where} LIMIT 1;";
        command.Parameters.AddWithValue("@key", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadMeta(reader) : null;
    }

    private async Task<IReadOnlyDictionary<string, EvseMeta>> FindEvsesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"{MetaColumns} WHERE evse_key IN (SELECT value FROM json_each(@keys));";
        command.Parameters.AddWithValue("@keys", JsonSerializer.Serialize(keys));
        using var reader = command.ExecuteReader();
        var found = new Dictionary<string, EvseMeta>(keys.Count, StringComparer.Ordinal);
        while (reader.Read())
        {
            var meta = ReadMeta(reader);
            found[meta.Key] = meta;
        }

        return found;
    }

    private static EvseMeta ReadMeta(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetInt64(7) != 0, reader.GetString(8),
            UnixMillis.ToDateTimeOffset(reader.GetInt64(9)))
        {
            Horizon = reader.IsDBNull(10) ? null : UnixMillis.ToDateTimeOffset(reader.GetInt64(10)),
        };

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
