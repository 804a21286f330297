using Npgsql;
using NpgsqlTypes;
using StatusGrid.Storage.GroupCommit;
using StatusGrid.Storage.PostgreSql;

namespace StatusGrid.Storage.Estate;

/// <summary>
/// <see cref="IEstateStore"/> on PostgreSQL: one transaction per import, rows sent as arrays (one <c>unnest</c> insert
/// per table per chunk), so the round trips do not grow with the number of EVSEs.
/// </summary>
public sealed class PostgresEstateStore : IEstateStore, IAsyncDisposable
{
    private const int Chunk = 2000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupReader<string, EvseMeta> _evses;

    public PostgresEstateStore(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _evses = new GroupReader<string, EvseMeta>("postgres-estate", FindEvsesAsync);
    }

    public ValueTask DisposeAsync() => _evses.DisposeAsync();

    public async Task<IReadOnlySet<string>> ExistingAsync(IReadOnlyCollection<string> locationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(locationIds);
        await using var command = _dataSource.CreateCommand("SELECT upper(id) FROM locations WHERE upper(id) = ANY(@keys);");
        command.Parameters.AddWithValue("keys", locationIds.Select(id => id.ToUpperInvariant()).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var existing = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            existing.Add(reader.GetString(0));
        }

        return existing;
    }

    public async Task<IReadOnlyList<string>> ImportAsync(IReadOnlyList<ImportedLocation> locations, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(locations);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var skipped = new List<string>();
        for (var first = 0; first < locations.Count; first += Chunk)
        {
            var chunk = locations.Skip(first).Take(Chunk).ToList();
            var existing = await ExistingInAsync(connection, transaction, chunk, cancellationToken).ConfigureAwait(false);
            var fresh = chunk.Where(l => !existing.Contains(l.Location.Id.ToUpperInvariant())).ToList();
            var inserted = await InsertLocationsAsync(connection, transaction, fresh, cancellationToken).ConfigureAwait(false);
            skipped.AddRange(chunk.Where(l => !inserted.Contains(l.Location.Id)).Select(l => l.Location.Id));
            var written = fresh.Where(l => inserted.Contains(l.Location.Id)).ToList();
            await InsertMetaAsync(connection, transaction, [.. written.SelectMany(l => l.Evses)], cancellationToken).ConfigureAwait(false);
            await InsertStatusesAsync(connection, transaction, [.. written.SelectMany(l => l.Statuses)], cancellationToken).ConfigureAwait(false);
            progress?.Report(Math.Min(first + Chunk, locations.Count));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return skipped;
    }

    public async Task<StoredLocation?> FindLocationAsync(string locationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(locationId);
        await using var command = _dataSource.CreateCommand($"SELECT {LocationQuerySql.Columns} FROM locations WHERE upper(id) = @key LIMIT 1;");
        command.Parameters.AddWithValue("key", locationId.ToUpperInvariant());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? PostgresLocationStore.ReadLocation(reader) : null;
    }

    /// <summary>Concurrent lookups (EVSE grains activating) share one query per batch: see <see cref="GroupReader{TKey,TValue}"/>.</summary>
    public Task<EvseMeta?> FindEvseAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _evses.ReadAsync(key, cancellationToken);
    }

    public async Task SaveEvseAsync(EvseMeta evse, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evse);
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO evse_meta ({EvseMetaSql.Columns}, horizon)
            VALUES (@key, @location_id, @evse_uid, @evse_id, @evse_id_key, @country_code, @party_id, @publish, @country, @document_last_updated, @horizon)
            ON CONFLICT (evse_key) DO UPDATE SET {EvseMetaSql.UpdateIdentity}, horizon = excluded.horizon;
            """);
        command.Parameters.AddWithValue("key", evse.Key);
        command.Parameters.AddWithValue("location_id", evse.LocationId);
        command.Parameters.AddWithValue("evse_uid", evse.EvseUid);
        command.Parameters.Add(new NpgsqlParameter<string?>("evse_id", NpgsqlDbType.Text) { TypedValue = evse.EvseId });
        command.Parameters.Add(new NpgsqlParameter<string?>("evse_id_key", NpgsqlDbType.Text) { TypedValue = evse.EvseIdKey });
        command.Parameters.AddWithValue("country_code", evse.CountryCode);
        command.Parameters.AddWithValue("party_id", evse.PartyId);
        command.Parameters.AddWithValue("publish", evse.Publish);
        command.Parameters.AddWithValue("country", evse.Country);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("document_last_updated", NpgsqlDbType.TimestampTz) { TypedValue = UnixMillis.ToUtcDateTime(evse.DocumentLastUpdated) });
        command.Parameters.Add(new NpgsqlParameter<DateTime?>("horizon", NpgsqlDbType.TimestampTz) { TypedValue = evse.Horizon is { } horizon ? UnixMillis.ToUtcDateTime(horizon) : null });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RaiseEvseHorizonAsync(string key, DateTimeOffset horizon, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var command = _dataSource.CreateCommand(
            EvseMetaSql.RaiseHorizon);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("horizon", NpgsqlDbType.TimestampTz) { TypedValue = UnixMillis.ToUtcDateTime(horizon) });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<EvseMeta?> FindEvseIdAsync(string evseIdKey, CancellationToken cancellationToken = default) =>
        FindMetaAsync("evse_id_key = @key ORDER BY imported_seq DESC", evseIdKey, cancellationToken);

    private async Task<EvseMeta?> FindMetaAsync(string where, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var command = _dataSource.CreateCommand($"SELECT {EvseMetaSql.Columns}, horizon FROM evse_meta WHERE {where} LIMIT 1;");
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadMeta(reader) : null;
    }

    private async Task<IReadOnlyDictionary<string, EvseMeta>> FindEvsesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {EvseMetaSql.Columns}, horizon FROM evse_meta WHERE evse_key = ANY(@keys);");
        command.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. keys]));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var found = new Dictionary<string, EvseMeta>(keys.Count, StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var meta = ReadMeta(reader);
            found[meta.Key] = meta;
        }

        return found;
    }

    private static EvseMeta ReadMeta(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetBoolean(7), reader.GetString(8),
            UnixMillis.FromUtcDateTime(reader.GetDateTime(9)))
        {
            Horizon = reader.IsDBNull(10) ? null : UnixMillis.FromUtcDateTime(reader.GetDateTime(10)),
        };

    private static async Task<HashSet<string>> ExistingInAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<ImportedLocation> chunk, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT upper(id) FROM locations WHERE upper(id) = ANY(@keys);", connection, transaction);
        command.Parameters.AddWithValue("keys", chunk.Select(l => l.Location.Id.ToUpperInvariant()).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var existing = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            existing.Add(reader.GetString(0));
        }

        return existing;
    }

    private static async Task<HashSet<string>> InsertLocationsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<ImportedLocation> rows, CancellationToken cancellationToken)
    {
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        if (rows.Count == 0)
        {
            return inserted;
        }

        // ON CONFLICT without a target: a Location another writer stored meanwhile, in the same spelling (the primary
        // key) or another (the unique upper(id) index), is skipped and goes through its grain, never failing the import.
        await using var command = new NpgsqlCommand("""
            INSERT INTO locations (id, country_code, country, party_id, publish, last_updated, json, document_version)
            SELECT *, 1 FROM unnest(@ids, @country_codes, @countries, @party_ids, @publish, @last_updated, @json) ORDER BY 1
            ON CONFLICT DO NOTHING
            RETURNING id;
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", rows.Select(r => r.Location.Id).ToArray());
        command.Parameters.AddWithValue("country_codes", rows.Select(r => r.Location.CountryCode.ToUpperInvariant()).ToArray());
        command.Parameters.AddWithValue("countries", rows.Select(r => r.Location.Country.ToUpperInvariant()).ToArray());
        command.Parameters.AddWithValue("party_ids", rows.Select(r => r.Location.PartyId).ToArray());
        command.Parameters.AddWithValue("publish", rows.Select(r => r.Location.Publish).ToArray());
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("last_updated", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            TypedValue = [.. rows.Select(r => UnixMillis.ToUtcDateTime(r.Location.LastUpdated))],
        });
        command.Parameters.AddWithValue("json", rows.Select(r => r.Location.Json).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            inserted.Add(reader.GetString(0));
        }

        return inserted;
    }

    private static async Task InsertMetaAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<EvseMeta> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand($"""
            INSERT INTO evse_meta ({EvseMetaSql.Columns})
            SELECT * FROM unnest(@keys, @location_ids, @evse_uids, @evse_ids, @evse_id_keys, @country_codes, @party_ids, @publish, @countries, @document_last_updated)
            ON CONFLICT (evse_key) DO UPDATE SET {EvseMetaSql.UpdateIdentity}, imported_seq = DEFAULT;
            """, connection, transaction);
        command.Parameters.AddWithValue("keys", rows.Select(r => r.Key).ToArray());
        command.Parameters.AddWithValue("location_ids", rows.Select(r => r.LocationId).ToArray());
        command.Parameters.AddWithValue("evse_uids", rows.Select(r => r.EvseUid).ToArray());
        command.Parameters.Add(new NpgsqlParameter<string?[]>("evse_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. rows.Select(r => r.EvseId)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]>("evse_id_keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. rows.Select(r => r.EvseIdKey)] });
        command.Parameters.AddWithValue("country_codes", rows.Select(r => r.CountryCode).ToArray());
        command.Parameters.AddWithValue("party_ids", rows.Select(r => r.PartyId).ToArray());
        command.Parameters.AddWithValue("publish", rows.Select(r => r.Publish).ToArray());
        command.Parameters.AddWithValue("countries", rows.Select(r => r.Country).ToArray());
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("document_last_updated", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            TypedValue = [.. rows.Select(r => UnixMillis.ToUtcDateTime(r.DocumentLastUpdated))],
        });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task InsertStatusesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<EvseStatusRecord> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        // A status row left from an earlier life of the EVSE (its version is what partners' ledgers compare) is kept,
        // under whichever spelling of its uid it has: no target, so the (location_id, upper(evse_uid)) index counts too.
        await using var command = new NpgsqlCommand("""
            INSERT INTO evse_status (location_id, evse_uid, status, last_updated, version)
            SELECT * FROM unnest(@location_ids, @evse_uids, @statuses, @last_updated, @versions)
            ON CONFLICT DO NOTHING;
            """, connection, transaction);
        command.Parameters.AddWithValue("location_ids", rows.Select(r => r.LocationId).ToArray());
        command.Parameters.AddWithValue("evse_uids", rows.Select(r => r.EvseUid).ToArray());
        command.Parameters.AddWithValue("statuses", rows.Select(r => EvseStatusCodes.ToCode(r.Status)).ToArray());
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("last_updated", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            TypedValue = [.. rows.Select(r => UnixMillis.ToUtcDateTime(r.LastUpdated))],
        });
        command.Parameters.AddWithValue("versions", rows.Select(r => r.Version).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
