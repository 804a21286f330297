using Microsoft.Extensions.DependencyInjection;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage.Sqlite;
using StatusGrid.Storage.PostgreSql;

namespace StatusGrid.Storage.Tests.Stores;

public sealed class StorageRegistrationTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    [Fact]
    public async Task Interfaces_resolve_to_the_same_singletons_and_disposal_drains_queued_writes()
    {
        await SchemaMigrator.ApplyAsync(_database.Options);
        var provider = new ServiceCollection().AddStatusGridStorage(_database.Options).BuildServiceProvider();
        var store = provider.GetRequiredService<IStatusStore>();
        Assert.Same(provider.GetRequiredService<SqliteStatusStore>(), store);
        Assert.Same(store, provider.GetRequiredService<IStatusStore>());

        var at = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var pending = Enumerable.Range(0, 200)
            .Select(i => store.WriteAsync(new EvseStatusRecord("L", $"E{i}", EvseStatus.Available, at, 1)))
            .ToList();
        await provider.DisposeAsync();

        Assert.All(pending, t => Assert.True(t.IsCompletedSuccessfully));
        await using var reopened = new ServiceCollection().AddStatusGridStorage(_database.Options).BuildServiceProvider();
        Assert.Equal(200, (await reopened.GetRequiredService<IStatusStore>().ReadLocationsAsync(["L"])).Count);
    }

    [Fact]
    public async Task PostgreSql_registration_resolves_without_connecting()
    {
        var options = new StorageOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=127.0.0.1;Port=1;Database=none" };
        await using var provider = new ServiceCollection().AddStatusGridStorage(options).BuildServiceProvider();
        Assert.IsType<PostgresStatusStore>(provider.GetRequiredService<IStatusStore>());
        Assert.IsType<PostgresLocationStore>(provider.GetRequiredService<ILocationStore>());
        Assert.IsType<PostgresDeliveryLedger>(provider.GetRequiredService<IDeliveryLedger>());
        Assert.IsType<PostgresConnectorStore>(provider.GetRequiredService<IConnectorStore>());
        Assert.IsType<PostgresPartnerQueueStore>(provider.GetRequiredService<IPartnerQueueStore>());
    }

    public void Dispose() => _database.Dispose();
}
