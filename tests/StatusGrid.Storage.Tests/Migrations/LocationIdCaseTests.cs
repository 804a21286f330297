using Npgsql;
using StatusGrid.Storage.PostgreSql;
using StatusGrid.TestSupport;

namespace StatusGrid.Storage.Tests.Migrations;

/// <summary>
/// Location ids are CiStrings and the Location grain is keyed by the upper-cased id, so "loc-1" and "LOC-1" are one
/// Location: the table holds at most one row per upper(id). A database that already holds such a pair is not
/// migrated (nothing is dropped): the migration stops naming the ids, for the operator to decide which to keep.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class LocationIdCaseTests(PostgresFixture postgres)
{
    private const int CaseIndexVersion = 16;

    private static StoredLocation Row(string id) =>
        new(id, "NL", "NLD", "SGR", true, new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero), $$"""{"id":"{{id}}"}""");

    [Fact]
    public async Task Two_locations_differing_only_in_case_cannot_both_be_stored()
    {
        var connectionString = await postgres.CreateDatabaseAsync("idcase");
        await SchemaMigrator.ApplyAsync(new StorageOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString });
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new PostgresLocationStore(dataSource);
        await store.UpsertAsync(Row("pg-case"));

        // Typed, so the Location grain can tell this race from any other failure and weigh its document again.
        var refused = await Assert.ThrowsAsync<LocationIdConflictException>(() => store.UpsertAsync(Row("PG-CASE")));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(refused.InnerException).SqlState);
        Assert.Equal("pg-case", Assert.Single(await IdsAsync(connectionString)));
    }

    [Fact]
    public async Task The_migration_stops_naming_the_ids_when_the_table_holds_a_pair_and_keeps_every_row()
    {
        var connectionString = await postgres.CreateDatabaseAsync("idcase");
        var scripts = SchemaScripts.For(DatabaseProvider.PostgreSql);
        await PostgresSchemaMigrator.ApplyAsync(connectionString, scripts.Where(s => s.Version < CaseIndexVersion).ToList(), CancellationToken.None);
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            var store = new PostgresLocationStore(dataSource);
            foreach (var id in new[] { "dup-a", "DUP-A", "Dup-B", "dup-b", "unique-c" })
            {
                await store.UpsertAsync(Row(id));
            }
        }

        var failed = await Assert.ThrowsAsync<PostgresException>(() => PostgresSchemaMigrator.ApplyAsync(connectionString, scripts, CancellationToken.None));

        Assert.Equal(
            "locations holds ids that differ only in case, which OCPI treats as one Location: DUP-A, dup-a; Dup-B, dup-b. Keep one of each: delete the others from locations, then start again.",
            failed.MessageText);
        Assert.Equal(["DUP-A", "Dup-B", "dup-a", "dup-b", "unique-c"], (await IdsAsync(connectionString)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(CaseIndexVersion, await PostgresSchemaMigrator.AppliedVersionsAsync(connectionString, CancellationToken.None));
    }

    /// <summary>Every id in the locations table, in no particular order.</summary>
    internal static async Task<List<string>> IdsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM locations;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
