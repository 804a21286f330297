using Microsoft.Data.Sqlite;
using StatusGrid.Storage.Sqlite;

namespace StatusGrid.Storage.Tests.Migrations;

public sealed class SqliteMigratorTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    [Fact]
    public async Task Fresh_database_reaches_latest_version_and_second_run_is_a_no_op()
    {
        Assert.Equal(0, await SchemaMigrator.CurrentVersionAsync(_database.Options));

        var applied = await SchemaMigrator.ApplyAsync(_database.Options);

        Assert.Equal(SchemaScripts.For(DatabaseProvider.Sqlite).Count, applied);
        Assert.Equal(SchemaMigrator.LatestVersion(DatabaseProvider.Sqlite), await SchemaMigrator.CurrentVersionAsync(_database.Options));
        Assert.Equal(0, await SchemaMigrator.ApplyAsync(_database.Options));
        Assert.Equal(SchemaMigrator.LatestVersion(DatabaseProvider.Sqlite), await SchemaMigrator.CurrentVersionAsync(_database.Options));
    }

    [Fact]
    public async Task Migration_enables_wal_and_concurrent_runs_apply_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SchemaMigrator.ApplyAsync(_database.Options))));

        Assert.Equal(SchemaScripts.For(DatabaseProvider.Sqlite).Count, results.Sum());
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)command.ExecuteScalar());
    }

    [Fact]
    public async Task A_script_numbered_below_the_applied_version_is_applied_when_a_later_build_brings_it()
    {
        var shipped = SchemaScripts.For(DatabaseProvider.Sqlite);
        await SqliteSchemaMigrator.ApplyAsync(_database.ConnectionString, shipped, CancellationToken.None);
        // 0007 is a reserved gap in the shipped scripts: a later build may fill it.
        var later = shipped.Append(new SchemaScript(7, "0007_x.sql", "CREATE TABLE gap_probe(x INTEGER);")).OrderBy(s => s.Version).ToList();

        Assert.Equal([7], (await SchemaMigrator.PendingScriptsAsync(_database.Options, later)).Select(s => s.Version));
        Assert.Equal(1, await SqliteSchemaMigrator.ApplyAsync(_database.ConnectionString, later, CancellationToken.None));

        Assert.Empty(await SchemaMigrator.PendingScriptsAsync(_database.Options, later));
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'gap_probe';";
        Assert.Equal(1L, (long)command.ExecuteScalar()!);
    }

    public void Dispose() => _database.Dispose();
}
