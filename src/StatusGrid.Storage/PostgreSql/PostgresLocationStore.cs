using Npgsql;
using NpgsqlTypes;

namespace StatusGrid.Storage.PostgreSql;

/// <summary><see cref="ILocationStore"/> on PostgreSQL. Upserts are rare (document changes), so they are not batched.</summary>
public sealed class PostgresLocationStore : ILocationStore
{
    // seq comes from the identity on insert and is never updated. last_updated never goes down, and a new row
    // starts at least at its EVSEs' latest change (greatest() ignores the NULL of a location without statuses).
    // document_version rises with every upsert (the Location grain stores only changed documents): partners are owed
    // a PUT until their ledger reaches it.
    private const string UpsertSql = """
        INSERT INTO locations AS l (id, country_code, country, party_id, publish, last_updated, json, document_version)
        VALUES (@id, @country_code, @country, @party_id, @publish,
                greatest(@last_updated, (SELECT max(last_updated) FROM evse_status WHERE location_id = @id)), @json, 1)
        ON CONFLICT (id) DO UPDATE
        SET country_code = excluded.country_code, country = excluded.country, party_id = excluded.party_id, publish = excluded.publish,
            last_updated = greatest(l.last_updated, excluded.last_updated), json = excluded.json,
            document_version = l.document_version + 1;
        """;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresLocationStore(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
    }

    public async Task UpsertAsync(StoredLocation location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        await using var command = _dataSource.CreateCommand(UpsertSql);
        command.Parameters.AddWithValue("id", location.Id);
        // Stored upper-case (a CiString) so partner filters compare plainly and the planners keep their statistics.
        command.Parameters.AddWithValue("country_code", location.CountryCode.ToUpperInvariant());
        command.Parameters.AddWithValue("country", location.Country.ToUpperInvariant());
        command.Parameters.AddWithValue("party_id", location.PartyId);
        command.Parameters.AddWithValue("publish", location.Publish);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("last_updated", NpgsqlDbType.TimestampTz) { TypedValue = UnixMillis.ToUtcDateTime(location.LastUpdated) });
        command.Parameters.AddWithValue("json", location.Json);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == LocationIdConflictException.IndexName)
        {
            // ON CONFLICT (id) covers only the exact spelling: another one is a second writer's row for this Location.
            throw LocationIdConflictException.For(location.Id, ex);
        }
    }

    public async Task<StoredLocation?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {LocationQuerySql.Columns} FROM locations WHERE id = @id;");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadLocation(reader) : null;
    }

    public async Task<LocationPage> QueryAsync(LocationQuery query, CancellationToken cancellationToken = default)
    {
        LocationQuerySql.Validate(query);
        // Count and page in one round trip. They are separate statements (READ COMMITTED), so a concurrent insert
        // can make them differ by a row; OCPI paging tolerates that, and it avoids a REPEATABLE READ transaction.
        await using var batch = _dataSource.CreateBatch();
        var count = new NpgsqlBatchCommand(LocationQuerySql.Count(query, SqlDialect.PostgreSql));
        AddFilters(count, query);
        batch.BatchCommands.Add(count);
        var wantPage = query.Limit > 0;
        if (wantPage)
        {
            var page = new NpgsqlBatchCommand(LocationQuerySql.Page(query, SqlDialect.PostgreSql));
            AddFilters(page, query);
            page.Parameters.AddWithValue("limit", query.Limit);
            page.Parameters.AddWithValue("offset", query.Offset);
            batch.BatchCommands.Add(page);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var total = checked((int)reader.GetInt64(0));
        var items = new List<StoredLocation>(Math.Min(query.Limit, 1000));
        if (wantPage && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(ReadLocation(reader));
            }
        }

        return new LocationPage(items, total);
    }

    private static void AddFilters(NpgsqlBatchCommand command, LocationQuery query)
    {
        if (query.Countries is { } countries)
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("countries", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = LocationQuerySql.UpperList(countries) });
        }

        if (query.Search is { } search)
        {
            command.Parameters.AddWithValue("search", LocationQuerySql.SearchPattern(search));
        }

        if (query.LocationIds is { } ids)
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("location_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = LocationQuerySql.UpperList(ids) });
        }

        if (query.DateFrom is { } from)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTime>("date_from", NpgsqlDbType.TimestampTz) { TypedValue = UnixMillis.ToUtcDateTime(from) });
        }

        if (query.DateTo is { } to)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTime>("date_to", NpgsqlDbType.TimestampTz) { TypedValue = UnixMillis.ToUtcDateTime(to) });
        }
    }

    internal static StoredLocation ReadLocation(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetBoolean(4),
        UnixMillis.FromUtcDateTime(reader.GetDateTime(5)),
        reader.GetString(6))
    {
        DocumentVersion = reader.GetInt64(7),
    };
}
