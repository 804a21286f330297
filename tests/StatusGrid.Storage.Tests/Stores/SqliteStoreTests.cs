using System.Text;
using Microsoft.Data.Sqlite;

namespace StatusGrid.Storage.Tests.Stores;

public sealed class SqliteStoreTests : StoreTestsBase
{
    private readonly TempSqliteDatabase _database = new();

    protected override Task<StorageOptions> CreateDatabaseAsync() => Task.FromResult(_database.Options);

    protected override Task DropDatabaseAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    protected override async Task SeedLocationsAsync(int count, DateTimeOffset t0)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @count - 1)
            INSERT INTO locations (id, seq, country_code, country, party_id, publish, last_updated, json)
            SELECT printf('S%06d', i), i + 1, 'NL', CASE WHEN i % 4 = 3 THEN 'DEU' ELSE 'NLD' END, 'SGR', CASE WHEN i % 10 = 9 THEN 0 ELSE 1 END, @t0 + i * 1000,
                   '{"id":"' || printf('S%06d', i) || '","pad":"' || hex(randomblob(400)) || '"}'
            FROM n;
            ANALYZE;
            """;
        command.Parameters.AddWithValue("@count", count);
        command.Parameters.AddWithValue("@t0", UnixMillis.From(t0));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Reading the delivered versions of a set of EVSEs (a partner's first pushes after an activation) probes the
    /// ledger by primary key once per EVSE. SQLite once chose to walk the partner's whole ledger and re-parse the JSON
    /// list for every row: 10 s for 2,000 EVSEs against a 10,000-row ledger, measured, where the probes take 6 ms.
    /// </summary>
    [Fact]
    public async Task Delivered_versions_of_a_set_of_evses_are_read_by_one_primary_key_probe_per_evse()
    {
        await Ledger.RecordDeliveredAsync("P1", [.. Enumerable.Range(0, 500).Select(i => new DeliveredVersion($"L{i / 10}", $"E{i}", 1))]);
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        using var command = connection.CreateCommand(); // no ANALYZE: as a production file is
        command.CommandText = "EXPLAIN QUERY PLAN " + DeliveryLedgerSql.DeliveredSqlite;
        command.Parameters.AddWithValue("@partner_id", "P1");
        command.Parameters.AddWithValue("@evses", """[["L1","E10"],["L2","E20"]]""");
        var plan = new StringBuilder();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.AppendLine(reader.GetString(3));
            }
        }

        Assert.Contains("USING PRIMARY KEY (partner_id=? AND location_id=? AND evse_uid=?)", plan.ToString(), StringComparison.Ordinal);
        var read = await Ledger.ReadDeliveredAsync("P1", [new EvseRef("L1", "E10"), new EvseRef("L9", "E99"), new EvseRef("L9", "E999")]);
        Assert.Equal([("L1", "E10", 1L), ("L9", "E99", 1L)], read.Select(d => (d.LocationId, d.EvseUid, d.Version)).Order());
    }

    /// <summary>
    /// The group read of EVSE grains activating together looks each key up once, whatever the batch: by the unique
    /// (location_id, upper(evse_uid)) index since migration 17, so a uid in another case finds the EVSE's row.
    /// </summary>
    [Fact]
    public async Task A_group_read_of_evse_statuses_probes_the_uid_index_once_per_key()
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        using var command = connection.CreateCommand(); // no ANALYZE: as a production file is
        command.CommandText = "EXPLAIN QUERY PLAN " + StatusGrid.Storage.Sqlite.SqliteStatusStore.ReadManySql;
        command.Parameters.AddWithValue("@keys", """[["L1","E10"],["L2","E20"]]""");
        var plan = new StringBuilder();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.AppendLine(reader.GetString(3));
            }
        }

        Assert.Contains("USING INDEX evse_status_upper_uid (location_id=? AND <expr>=?)", plan.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN evse_status", plan.ToString(), StringComparison.Ordinal);
    }

    protected override async Task<string> ExplainPageAsync(LocationQuery query)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + LocationQuerySql.Page(query);
        command.Parameters.AddWithValue("@limit", query.Limit);
        command.Parameters.AddWithValue("@offset", query.Offset);
        if (query.DateFrom is { } from)
        {
            command.Parameters.AddWithValue("@date_from", UnixMillis.From(from));
        }

        if (query.DateTo is { } to)
        {
            command.Parameters.AddWithValue("@date_to", UnixMillis.From(to));
        }

        if (query.Countries is { } countries)
        {
            command.Parameters.AddWithValue("@countries", System.Text.Json.JsonSerializer.Serialize(LocationQuerySql.UpperList(countries)));
        }

        if (query.LocationIds is { } ids)
        {
            command.Parameters.AddWithValue("@location_ids", System.Text.Json.JsonSerializer.Serialize(LocationQuerySql.UpperList(ids)));
        }

        using var reader = command.ExecuteReader();
        var plan = new StringBuilder();
        while (reader.Read())
        {
            plan.AppendLine(reader.GetString(3));
        }

        return plan.ToString();
    }

    protected override void AssertIndexOnlyPaging(string plan)
    {
        // Picking the page's seqs must read indexes only: every SCAN, and every range SEARCH, must use a covering
        // index ("SCAN locations" alone is a table scan; a non-covering index walk reads every row it passes).
        foreach (var raw in plan.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "<expr>=?" is an equality lookup on an expression index (upper(id)), not a range.
            var line = raw.Replace("<expr>", "expr", StringComparison.Ordinal);
            var walks = line.StartsWith("SCAN locations", StringComparison.Ordinal)
                || (line.StartsWith("SEARCH locations", StringComparison.Ordinal) && (line.Contains('<', StringComparison.Ordinal) || line.Contains('>', StringComparison.Ordinal)));
            Assert.False(walks && !line.Contains("COVERING INDEX", StringComparison.Ordinal), plan);
        }
    }

    [Fact]
    public async Task A_delivery_commit_skips_the_fsync_but_hands_its_connection_back_durable()
    {
        // The ledger's commits run with synchronous=NORMAL; status writes and Orleans' grain state share its
        // connection pool, so a connection must leave the ledger with synchronous=FULL again.
        await Ledger.RecordDeliveredAsync("partner-p", [new DeliveredVersion("PA", "E1", 3)]);

        var open = new List<SqliteConnection>();
        try
        {
            // Every idle pooled connection (the ledger's among them) is handed out before a new one is made.
            for (var i = 0; i < 8; i++)
            {
                var connection = new SqliteConnection(_database.ConnectionString);
                await connection.OpenAsync();
                open.Add(connection);
                using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA synchronous;";
                Assert.Equal(2L, (long)pragma.ExecuteScalar()!); // 2 = FULL
            }
        }
        finally
        {
            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }
        }

        var delivered = await Ledger.ReadDeliveredAsync("partner-p", [new EvseRef("PA", "E1")]);
        Assert.Equal(3, Assert.Single(delivered).Version);
    }
}
