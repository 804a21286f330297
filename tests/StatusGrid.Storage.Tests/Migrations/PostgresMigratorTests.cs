using Npgsql;
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
