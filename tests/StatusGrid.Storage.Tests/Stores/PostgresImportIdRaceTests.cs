using Npgsql;
using StatusGrid.Storage.Estate;
using StatusGrid.TestSupport;

namespace StatusGrid.Storage.Tests.Stores;

/// <summary>
/// An import racing another writer of the same Location in another case (a PUT through the Location grain) on
/// PostgreSQL: the import looks for stored Locations, finds none (the other row is not committed yet), then inserts
/// and meets the unique upper(id) index. It must skip that Location (it then goes through its grain, an update under the
/// stored spelling) rather than fail the whole import; ON CONFLICT (id) covered only the exact spelling.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresImportIdRaceTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_import_skips_a_new_location_another_writer_stores_meanwhile_in_another_case()
    {
        var connectionString = await postgres.CreateDatabaseAsync("importrace");
        await SchemaMigrator.ApplyAsync(new StorageOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString });
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var estate = new PostgresEstateStore(dataSource);
        await using var other = new NpgsqlConnection(connectionString);
        await other.OpenAsync();
        await using var put = await other.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO locations (id, country_code, country, party_id, publish, last_updated, json, document_version)
            VALUES ('RACE-Pg', 'NL', 'NLD', 'SGR', true, now(), '{"id":"RACE-Pg"}', 1);
            """, other, put))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var import = estate.ImportAsync([Imported("race-pg"), Imported("calm-pg")]);
        await WaitUntilWaitingOnALockAsync(connectionString);
        await put.CommitAsync();

        Assert.Equal(["race-pg"], await import);
        Assert.Equal(["RACE-Pg", "calm-pg"], (await Migrations.LocationIdCaseTests.IdsAsync(connectionString)).Order(StringComparer.Ordinal));
    }

    private static ImportedLocation Imported(string id) =>
        new(new StoredLocation(id, "NL", "NLD", "SGR", true, T0, $$"""{"id":"{{id}}"}"""), [], []);

    /// <summary>Until the import's insert waits for the other writer's transaction (it has passed its look-up).</summary>
    private static async Task WaitUntilWaitingOnALockAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock';", connection);
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail("the import never waited for the other writer's row");
    }
}
