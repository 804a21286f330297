using Npgsql;
using StatusGrid.Storage.PostgreSql;
using StatusGrid.TestSupport;

namespace StatusGrid.Storage.Tests.Migrations;

[Collection(PostgresFixture.Collection)]
public sealed class PostgresMigratorTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Fresh_database_reaches_latest_version_and_second_run_is_a_no_op()
    {
        var options = new StorageOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("migrate") };
        var latest = SchemaMigrator.LatestVersion(DatabaseProvider.PostgreSql);
        Assert.Equal(0, await SchemaMigrator.CurrentVersionAsync(options));

        Assert.Equal(SchemaScripts.For(DatabaseProvider.PostgreSql).Count, await SchemaMigrator.ApplyAsync(options));
        Assert.Equal(latest, await SchemaMigrator.CurrentVersionAsync(options));

        Assert.Equal(0, await SchemaMigrator.ApplyAsync(options));
        Assert.Equal(latest, await SchemaMigrator.CurrentVersionAsync(options));
    }

    [Fact]
    public async Task Silos_starting_at_once_apply_each_script_once()
    {
        var options = new StorageOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("migrate") };

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SchemaMigrator.ApplyAsync(options))));

        Assert.Equal(SchemaScripts.For(DatabaseProvider.PostgreSql).Count, applied.Sum());
    }

    [Fact]
    public async Task A_script_numbered_below_the_applied_version_is_applied_when_a_later_build_brings_it()
    {
        var options = new StorageOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("migrate") };
        var shipped = SchemaScripts.For(DatabaseProvider.PostgreSql);
        await PostgresSchemaMigrator.ApplyAsync(options.ConnectionString, shipped, CancellationToken.None);
        // 0007 is a reserved gap in the shipped scripts: a later build may fill it.
        var later = shipped.Append(new SchemaScript(7, "0007_x.sql", "CREATE TABLE gap_probe(x INTEGER);")).OrderBy(s => s.Version).ToList();

        Assert.Equal([7], (await SchemaMigrator.PendingScriptsAsync(options, later)).Select(s => s.Version));
        Assert.Equal(1, await PostgresSchemaMigrator.ApplyAsync(options.ConnectionString, later, CancellationToken.None));

        Assert.Empty(await SchemaMigrator.PendingScriptsAsync(options, later));
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass('gap_probe') IS NOT NULL;", connection);
        Assert.Equal(true, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Query_catalogue_is_lower_case_and_unquoted()
    {
        var options = new StorageOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("migrate") };
        await SchemaMigrator.ApplyAsync(options);

        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        // Exactly the bootstrap select Orleans issues (unquoted), so the table must fold to orleansquery.
        await using var command = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey';", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
    }
}
