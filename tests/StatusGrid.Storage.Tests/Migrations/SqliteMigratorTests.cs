using Microsoft.Data.Sqlite;

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

    public void Dispose() => _database.Dispose();
}
