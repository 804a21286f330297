using System.Text;
using Npgsql;
using NpgsqlTypes;
using StatusGrid.TestSupport;

namespace StatusGrid.Storage.Tests.Stores;

[Collection(PostgresFixture.Collection)]
public sealed class PostgresStoreTests(PostgresFixture postgres) : StoreTestsBase
{
    protected override async Task<StorageOptions> CreateDatabaseAsync() =>
        new() { Provider = DatabaseProvider.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("stores") };

    protected override Task DropDatabaseAsync() => Task.CompletedTask;

    protected override async Task SeedLocationsAsync(int count, DateTimeOffset t0)
    {
        await using var connection = new NpgsqlConnection(Options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO locations (id, country_code, country, party_id, publish, last_updated, json)
            SELECT 'S' || lpad(i::text, 6, '0'), 'NL', CASE WHEN i % 4 = 3 THEN 'DEU' ELSE 'NLD' END, 'SGR', i % 10 <> 9,
                   @t0 + i * interval '1 second',
                   json_build_object('id', 'S' || lpad(i::text, 6, '0'), 'pad', repeat(md5(i::text), 25))::text
            FROM generate_series(0, @count - 1) AS i
            ORDER BY i;
            ANALYZE locations;
            """, connection);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("t0", NpgsqlDbType.TimestampTz) { TypedValue = t0.UtcDateTime });
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<string> ExplainPageAsync(LocationQuery query)
    {
        await using var connection = new NpgsqlConnection(Options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN " + LocationQuerySql.Page(query, SqlDialect.PostgreSql), connection);
        command.Parameters.AddWithValue("limit", query.Limit);
        command.Parameters.AddWithValue("offset", query.Offset);
        if (query.DateFrom is { } from)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTime>("date_from", NpgsqlDbType.TimestampTz) { TypedValue = UnixMillis.ToUtcDateTime(from) });
        }

        if (query.DateTo is { } to)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTime>("date_to", NpgsqlDbType.TimestampTz) { TypedValue = UnixMillis.ToUtcDateTime(to) });
        }

        if (query.Countries is { } countries)
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("countries", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = LocationQuerySql.UpperList(countries) });
        }

        if (query.LocationIds is { } ids)
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("location_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = LocationQuerySql.UpperList(ids) });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var plan = new StringBuilder();
        while (await reader.ReadAsync())
        {
            plan.AppendLine(reader.GetString(0));
        }

        return plan.ToString();
    }

    protected override void AssertIndexOnlyPaging(string plan)
    {
        // Picking the page's seqs must read indexes only: no sequential scan, and any filter (last_updated, publish,
        // country) must be evaluated inside an index-only scan, not by fetching each row passed over.
        Assert.False(plan.Contains("Seq Scan on locations", StringComparison.Ordinal), plan);
        var lines = plan.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("Filter:", StringComparison.Ordinal))
            {
                // The filter belongs to the nearest plan node above it (its "Index Cond:" may sit in between).
                var node = i - 1;
                while (node > 0 && !lines[node].Contains("->", StringComparison.Ordinal) && lines[node].TrimStart().Contains(':', StringComparison.Ordinal))
                {
                    node--;
                }

                // A filter checked on heap rows is fine only after an equality lookup (a few rows, e.g. an id list),
                // never while walking a range.
                var conditions = string.Concat(lines[(node + 1)..i]);
                var pointLookup = lines[node].Contains("Index Scan", StringComparison.Ordinal) && conditions.Contains("Index Cond:", StringComparison.Ordinal)
                    && !conditions.Contains('<', StringComparison.Ordinal) && !conditions.Contains('>', StringComparison.Ordinal);
                Assert.True(lines[node].Contains("Index Only Scan", StringComparison.Ordinal) || pointLookup, plan);
            }
        }
    }
}
