using Microsoft.Extensions.DependencyInjection;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage.Estate;
using StatusGrid.TestSupport;

namespace StatusGrid.Storage.Tests.Stores;

/// <summary>The bulk import's store on every provider, resolved through AddStatusGridStorage on a migrated database.</summary>
public abstract class EstateStoreTestsBase : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private ServiceProvider? _services;

    private IEstateStore Estate => _services!.GetRequiredService<IEstateStore>();

    private ILocationStore Locations => _services!.GetRequiredService<ILocationStore>();

    private IStatusStore Status => _services!.GetRequiredService<IStatusStore>();

    public async Task InitializeAsync()
    {
        var options = await CreateDatabaseAsync();
        await SchemaMigrator.ApplyAsync(options);
        _services = new ServiceCollection().AddStatusGridStorage(options).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await DropDatabaseAsync();
    }

    [Fact]
    public async Task An_import_stores_locations_evses_and_statuses_that_read_back_by_grain_key()
    {
        var progress = new List<int>();
        var skipped = await Estate.ImportAsync([Imported("Loc-1", 2), Imported("Loc-2", 1)], new SyncProgress(progress.Add));

        Assert.Empty(skipped);
        Assert.Equal(2, progress[^1]);
        Assert.Equal(T0.AddMinutes(2), (await Locations.GetAsync("Loc-1"))!.LastUpdated);
        Assert.Equal("Loc-1", (await Estate.FindLocationAsync("LOC-1"))!.Id);
        Assert.Equal(new EvseStatusRecord("Loc-1", "e2", EvseStatus.Charging, T0.AddMinutes(2), 1), await Status.ReadAsync("Loc-1", "e2"));
        var meta = await Estate.FindEvseAsync("LOC-1*E2");
        Assert.Equal(("Loc-1", "e2", "NL*SGR*ELOC1E2", "DEU", true, T0.AddMinutes(1)), (meta!.LocationId, meta.EvseUid, meta.EvseId, meta.Country, meta.Publish, meta.DocumentLastUpdated));
        Assert.Equal("Loc-2", (await Estate.FindEvseIdAsync("E*NL*SGR*ELOC2E1"))!.LocationId);
        Assert.Null(await Estate.FindEvseAsync("LOC-3*E1"));
        Assert.Equal(["LOC-1"], await Estate.ExistingAsync(["loc-1", "loc-3"]));
    }

    [Fact]
    public async Task A_location_stored_before_is_skipped_with_its_evses_and_keeps_its_document()
    {
        await Locations.UpsertAsync(new StoredLocation("LOC-9", "NL", "NLD", "SGR", true, T0, """{"id":"LOC-9","name":"first"}"""));

        var skipped = await Estate.ImportAsync([Imported("loc-9", 1), Imported("Loc-10", 1)]);

        Assert.Equal(["loc-9"], skipped);
        Assert.Contains("first", (await Estate.FindLocationAsync("loc-9"))!.Json, StringComparison.Ordinal);
        Assert.Null(await Estate.FindEvseAsync("LOC-9*E1"));
        Assert.Null(await Status.ReadAsync("loc-9", "e1"));
        Assert.NotNull(await Estate.FindEvseAsync("LOC-10*E1"));
    }

    [Fact]
    public async Task A_failing_import_stores_nothing()
    {
        var good = Imported("Loc-20", 1);
        // A document the NOT NULL constraint refuses (no real plan has one): the second Location fails the transaction.
        var broken = Imported("Loc-21", 1) with { Location = Imported("Loc-21", 1).Location with { Json = null! } };

        await Assert.ThrowsAnyAsync<Exception>(() => Estate.ImportAsync([good, broken]));

        Assert.Null(await Locations.GetAsync("Loc-20"));
        Assert.Null(await Estate.FindEvseAsync("LOC-20*E1"));
        Assert.Null(await Status.ReadAsync("Loc-20", "e1"));
    }

    protected abstract Task<StorageOptions> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    private static ImportedLocation Imported(string id, int evses)
    {
        var metas = Enumerable.Range(1, evses).Select(n => new EvseMeta($"{id.ToUpperInvariant()}*E{n}", id, $"e{n}", $"NL*SGR*E{id.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant()}E{n}",
            $"E*NL*SGR*E{id.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant()}E{n}", "NL", "SGR", true, "DEU", T0.AddMinutes(n - 1))).ToList();
        var statuses = Enumerable.Range(1, evses).Select(n => new EvseStatusRecord(id, $"e{n}", n == 2 ? EvseStatus.Charging : EvseStatus.Available, T0.AddMinutes(n), 1)).ToList();
        return new ImportedLocation(new StoredLocation(id, "NL", "DEU", "SGR", true, T0.AddMinutes(evses), $$"""{"id":"{{id}}"}"""), metas, statuses);
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}

public sealed class SqliteEstateStoreTests : EstateStoreTestsBase
{
    private readonly TempSqliteDatabase _database = new();

    protected override Task<StorageOptions> CreateDatabaseAsync() => Task.FromResult(_database.Options);

    protected override Task DropDatabaseAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }
}

[Collection(PostgresFixture.Collection)]
public sealed class PostgresEstateStoreTests(PostgresFixture postgres) : EstateStoreTestsBase
{
    protected override async Task<StorageOptions> CreateDatabaseAsync() =>
        new() { Provider = DatabaseProvider.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("estate") };

    protected override Task DropDatabaseAsync() => Task.CompletedTask;
}
