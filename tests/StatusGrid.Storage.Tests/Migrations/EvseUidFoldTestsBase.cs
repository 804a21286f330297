using Microsoft.Extensions.DependencyInjection;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Storage.Tests.Migrations;

/// <summary>
/// A database written before EVSE uids kept their stored spelling may hold a status row under each of two spellings
/// of one EVSE. Reconcile walks those rows: it owed a PATCH under a uid partners were never sent, and two PATCHes of
/// different statuses for one EVSE, in key order, so the older could go after the newer. Migration 17 folds them into
/// the row the Location's document names (else the newest), with the newest status and a version above both, and
/// makes the table unable to hold two spellings again. Each provider runs the same checks.
/// </summary>
public abstract class EvseUidFoldTestsBase : IAsyncLifetime
{
    private const int FoldVersion = 17;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private ServiceProvider? _services;

    protected StorageOptions Options { get; private set; } = null!;

    private IStatusStore Status => _services!.GetRequiredService<IStatusStore>();

    private IDeliveryLedger Ledger => _services!.GetRequiredService<IDeliveryLedger>();

    protected abstract Task<StorageOptions> CreateDatabaseAsync();

    protected abstract Task MigrateAsync(IReadOnlyList<SchemaScript> scripts);

    protected abstract Task ExecuteAsync(string sql);

    /// <summary>A timestamp as the provider's evse_status.last_updated literal.</summary>
    protected abstract string Stamp(DateTimeOffset at);

    public async Task InitializeAsync()
    {
        Options = await CreateDatabaseAsync();
        await MigrateAsync([.. SchemaScripts.For(Options.Provider).Where(s => s.Version < FoldVersion)]);
        _services = new ServiceCollection().AddStatusGridStorage(Options).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_spellings_of_an_evse_fold_into_the_documented_uid_with_the_newest_status_owed_once()
    {
        var locations = _services!.GetRequiredService<ILocationStore>();
        await locations.UpsertAsync(Location("FOLD-1", """[{"uid":"ABC"},{"uid":"Def"}]"""));
        await locations.UpsertAsync(Location("FOLD-2", "[]"));
        // FOLD-1: the documented spelling holds the older status; FOLD-2 documents neither, 'X' is the newest.
        await InsertStatusAsync("FOLD-1", "ABC", "AVAILABLE", T0.AddMinutes(1), 3);
        await InsertStatusAsync("FOLD-1", "abc", "CHARGING", T0.AddMinutes(2), 2);
        await InsertStatusAsync("FOLD-1", "Def", "BLOCKED", T0.AddMinutes(1), 1);
        await InsertStatusAsync("FOLD-2", "x", "BLOCKED", T0.AddMinutes(3), 1);
        await InsertStatusAsync("FOLD-2", "X", "AVAILABLE", T0.AddMinutes(4), 5);
        // P1 got the Location PUT (its statuses under the documented uids) and never a PATCH under 'abc'.
        await Ledger.RecordDeliveredAsync("P1", [new DeliveredVersion("FOLD-1", "ABC", 3), new DeliveredVersion("FOLD-1", "Def", 1)]);

        await MigrateAsync(SchemaScripts.For(Options.Provider));

        Assert.Equal(
            [
                new EvseStatusRecord("FOLD-1", "ABC", EvseStatus.Charging, T0.AddMinutes(2), 4),
                new EvseStatusRecord("FOLD-1", "Def", EvseStatus.Blocked, T0.AddMinutes(1), 1),
                new EvseStatusRecord("FOLD-2", "X", EvseStatus.Available, T0.AddMinutes(4), 6),
            ],
            await Status.ReadLocationsAsync(["FOLD-1", "FOLD-2"]));
        // One PATCH per EVSE, under the uid the partner holds, with the newest status: not 'abc' (unknown to P1), and
        // for a partner owed everything not 'X' AVAILABLE at 08:04 followed by 'x' BLOCKED at 08:03.
        Assert.Equal([("FOLD-1", "ABC", EvseStatus.Charging), ("FOLD-2", "X", EvseStatus.Available)],
            (await Ledger.ReadUndeliveredAsync("P1", 10)).Select(r => (r.LocationId, r.EvseUid, r.Status)));
        Assert.Equal([("FOLD-1", "ABC"), ("FOLD-1", "Def"), ("FOLD-2", "X")],
            (await Ledger.ReadUndeliveredAsync("P2", 10)).Select(r => (r.LocationId, r.EvseUid)));
    }

    [Fact]
    public async Task After_the_migration_the_table_refuses_a_second_spelling_of_a_stored_uid()
    {
        await MigrateAsync(SchemaScripts.For(Options.Provider));
        await InsertStatusAsync("FOLD-3", "ABC", "AVAILABLE", T0, 1);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => InsertStatusAsync("FOLD-3", "abc", "CHARGING", T0, 2));
    }

    private Task InsertStatusAsync(string locationId, string evseUid, string status, DateTimeOffset at, long version) =>
        ExecuteAsync($"INSERT INTO evse_status (location_id, evse_uid, status, last_updated, version) VALUES ('{locationId}', '{evseUid}', '{status}', {Stamp(at)}, {version});");

    private static StoredLocation Location(string id, string evses) =>
        new(id, "NL", "NLD", "SGR", true, T0, $$"""{"id":"{{id}}","evses":{{evses}}}""");
}
