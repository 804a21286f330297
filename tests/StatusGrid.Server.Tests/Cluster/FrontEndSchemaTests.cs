using StatusGrid.Storage;
using StatusGrid.TestSupport;

namespace StatusGrid.Server.Tests.Cluster;

/// <summary>
/// A front-end (StatusGrid:Role=FrontEnd) reads the database but never changes its schema: it needs no DDL rights,
/// and a front-end of a newer version must not migrate a database under silos of the old one.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class FrontEndSchemaTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_front_end_leaves_an_unmigrated_database_alone_and_refuses_to_start_naming_migrate()
    {
        var database = await postgres.CreateDatabaseAsync("frontschema");
        var settings = ClusterConfig.FrontEnd(database, "frontschema", "front");
        settings["StatusGrid:FrontEnd:SchemaWait"] = "00:00:02";

        // Bounded: a front-end that got past the schema would wait for a silo to connect to, which never comes.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StatusGridHost.StartAsync(settings).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("schema is at version 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("migrate", error.Message, StringComparison.Ordinal);
        Assert.Contains("StatusGrid:FrontEnd:SchemaWait", error.Message, StringComparison.Ordinal);
        var storage = new StorageOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = database };
        Assert.Equal(0, await SchemaMigrator.CurrentVersionAsync(storage));
    }
}
