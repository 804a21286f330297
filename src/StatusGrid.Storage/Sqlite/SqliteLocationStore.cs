using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace StatusGrid.Storage.Sqlite;

/// <summary><see cref="ILocationStore"/> on SQLite. Upserts are rare (document changes), so they are not batched.</summary>
public sealed class SqliteLocationStore : ILocationStore
{
    // seq is taken once, on insert (SQLite has a single writer, so max + 1 cannot collide), and never updated.
    // last_updated never goes down, and a new row starts at least at its EVSEs' latest change: status writes that
    // arrived before the document only raise rows that exist. document_version rises with every upsert (the Location
    // grain stores only changed documents): partners are owed a PUT until their ledger reaches it.
    private const string UpsertSql = """
        INSERT INTO locations (id, seq, country_code, country, party_id, publish, last_updated, json, document_version)
        VALUES (@id, (SELECT coalesce(max(seq), 0) + 1 FROM locations), @country_code, @country, @party_id, @publish,
                max(@last_updated, coalesce((SELECT max(last_updated) FROM evse_status WHERE location_id = @id), @last_updated)),
                @json, 1)
        ON CONFLICT (id) DO UPDATE
        SET country_code = excluded.country_code, country = excluded.country, party_id = excluded.party_id, publish = excluded.publish,
            last_updated = max(locations.last_updated, excluded.last_updated), json = excluded.json,
            document_version = locations.document_version + 1;
        """;

    /// <summary>SQLITE_CONSTRAINT_UNIQUE.</summary>
    private const int SqliteUniqueViolation = 2067;

    private readonly string _connectionString;

    public SqliteLocationStore(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = options.ConnectionString;
    }

    public async Task UpsertAsync(StoredLocation location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        using var turn = await SqliteWriteGate.EnterAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = UpsertSql;
        command.Parameters.AddWithValue("@id", location.Id);
        // Stored upper-case (a CiString) so partner filters compare plainly and the planners keep their statistics.
        command.Parameters.AddWithValue("@country_code", location.CountryCode.ToUpperInvariant());
        command.Parameters.AddWithValue("@country", location.Country.ToUpperInvariant());
        command.Parameters.AddWithValue("@party_id", location.PartyId);
        command.Parameters.AddWithValue("@publish", location.Publish ? 1 : 0);
        command.Parameters.AddWithValue("@last_updated", UnixMillis.From(location.LastUpdated));
        command.Parameters.AddWithValue("@json", location.Json);
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == SqliteUniqueViolation && ex.Message.Contains(LocationIdConflictException.IndexName, StringComparison.Ordinal))
        {
            // ON CONFLICT (id) covers only the exact spelling: another one is a second writer's row for this Location.
            throw LocationIdConflictException.For(location.Id, ex);
        }
    }

    public async Task<StoredLocation?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {LocationQuerySql.Columns} FROM locations WHERE id = @id;";
        command.Parameters.AddWithValue("@id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadLocation(reader) : null;
    }

    public async Task<LocationPage> QueryAsync(LocationQuery query, CancellationToken cancellationToken = default)
    {
        LocationQuerySql.Validate(query);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        // One read transaction: the count and the page come from the same snapshot.
        using var transaction = connection.BeginTransaction(deferred: true);
        using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = LocationQuerySql.Count(query);
        AddFilters(count, query);
        var total = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);

        var items = new List<StoredLocation>(Math.Min(query.Limit, 1000));
        if (query.Limit > 0 && query.Offset < total)
        {
            using var page = connection.CreateCommand();
            page.Transaction = transaction;
            page.CommandText = LocationQuerySql.Page(query);
            AddFilters(page, query);
            page.Parameters.AddWithValue("@limit", query.Limit);
            page.Parameters.AddWithValue("@offset", query.Offset);
            using var reader = page.ExecuteReader();
            while (reader.Read())
            {
                items.Add(ReadLocation(reader));
            }
        }

        transaction.Commit();
        return new LocationPage(items, total);
    }

    private static void AddFilters(SqliteCommand command, LocationQuery query)
    {
        if (query.Countries is { } countries)
        {
            command.Parameters.AddWithValue("@countries", JsonSerializer.Serialize(LocationQuerySql.UpperList(countries)));
        }

        if (query.Search is { } search)
        {
            command.Parameters.AddWithValue("@search", LocationQuerySql.SearchPattern(search));
        }

        if (query.LocationIds is { } ids)
        {
            command.Parameters.AddWithValue("@location_ids", JsonSerializer.Serialize(LocationQuerySql.UpperList(ids)));
        }

        if (query.DateFrom is { } from)
        {
            command.Parameters.AddWithValue("@date_from", UnixMillis.From(from));
        }

        if (query.DateTo is { } to)
        {
            command.Parameters.AddWithValue("@date_to", UnixMillis.From(to));
        }
    }

    internal static StoredLocation ReadLocation(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetInt64(4) != 0,
        UnixMillis.ToDateTimeOffset(reader.GetInt64(5)),
        reader.GetString(6))
    {
        DocumentVersion = reader.GetInt64(7),
    };
}
