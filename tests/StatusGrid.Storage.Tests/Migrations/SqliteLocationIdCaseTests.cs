using Microsoft.Data.Sqlite;
using StatusGrid.Storage.Sqlite;

namespace StatusGrid.Storage.Tests.Migrations;

/// <summary>SQLite's side of <see cref="LocationIdCaseTests"/>: its id column compares case-sensitively too (no NOCASE).</summary>
public sealed class SqliteLocationIdCaseTests : IDisposable
{
    private const int CaseIndexVersion = 16;
    private readonly TempSqliteDatabase _database = new();

    private static StoredLocation Row(string id) =>
        new(id, "NL", "NLD", "SGR", true, new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero), $$"""{"id":"{{id}}"}""");

    [Fact]
    public async Task Two_locations_differing_only_in_case_cannot_both_be_stored()
    {
        await SchemaMigrator.ApplyAsync(_database.Options);
        var store = new SqliteLocationStore(_database.Options);
        await store.UpsertAsync(Row("lite-case"));

        // Typed, so the Location grain can tell this race from any other failure and weigh its document again.
        var refused = await Assert.ThrowsAsync<LocationIdConflictException>(() => store.UpsertAsync(Row("LITE-CASE")));

        Assert.Equal(19, Assert.IsType<SqliteException>(refused.InnerException).SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(["lite-case"], await IdsAsync());
    }

    [Fact]
    public async Task The_migration_stops_when_the_table_holds_a_pair_and_keeps_every_row()
    {
        var scripts = SchemaScripts.For(DatabaseProvider.Sqlite);
        await SqliteSchemaMigrator.ApplyAsync(_database.ConnectionString, scripts.Where(s => s.Version < CaseIndexVersion).ToList(), CancellationToken.None);
        var store = new SqliteLocationStore(_database.Options);
        foreach (var id in new[] { "dup-a", "DUP-A", "unique-c" })
        {
            await store.UpsertAsync(Row(id));
        }

        var failed = await Assert.ThrowsAsync<SqliteException>(() => SqliteSchemaMigrator.ApplyAsync(_database.ConnectionString, scripts, CancellationToken.None));

        Assert.StartsWith("SQLite Error 19: 'locations holds ids that differ only in case", failed.Message, StringComparison.Ordinal);
        Assert.Equal(["DUP-A", "dup-a", "unique-c"], await IdsAsync());
        Assert.DoesNotContain(CaseIndexVersion, await SqliteSchemaMigrator.AppliedVersionsAsync(_database.ConnectionString, CancellationToken.None));
    }

    private async Task<List<string>> IdsAsync()
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM locations ORDER BY id;";
        using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public void Dispose() => _database.Dispose();
}
