using Microsoft.Extensions.DependencyInjection;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage.GroupCommit;

namespace StatusGrid.Storage.Tests.Stores;

/// <summary>
/// The same behaviour checks for every provider: the stores are resolved through AddStatusGridStorage on a freshly
/// migrated database.
/// </summary>
public abstract partial class StoreTestsBase : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private ServiceProvider? _services;

    protected IStatusStore Status => _services!.GetRequiredService<IStatusStore>();

    protected ILocationStore Locations => _services!.GetRequiredService<ILocationStore>();

    protected IDeliveryLedger Ledger => _services!.GetRequiredService<IDeliveryLedger>();

    protected StorageOptions Options { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Options = await CreateDatabaseAsync();
        await SchemaMigrator.ApplyAsync(Options);
        _services = new ServiceCollection().AddStatusGridStorage(Options).BuildServiceProvider();
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
    public async Task Concurrent_writes_land_in_few_transactions_and_read_back()
    {
        const int writes = 600;
        var records = Enumerable.Range(0, writes)
            .Select(i => new EvseStatusRecord($"LOC{i % 30}", $"EVSE{i}", EvseStatus.Charging, T0.AddSeconds(i), 1))
            .ToList();

        await Task.WhenAll(records.Select(r => Task.Run(() => Status.WriteAsync(r))));

        var stats = (IGroupCommitStatistics)Status;
        Assert.Equal(writes, stats.CommittedItems);
        Assert.InRange(stats.CommittedBatches, 1, writes - 1);
        Assert.Equal(0, stats.FailedBatches);
        foreach (var record in records.Take(20))
        {
            Assert.Equal(record, await Status.ReadAsync(record.LocationId, record.EvseUid));
        }

        var ofTwoLocations = await Status.ReadLocationsAsync(["LOC1", "LOC2"]);
        Assert.Equal(40, ofTwoLocations.Count);
        Assert.All(ofTwoLocations, r => Assert.True(r.LocationId is "LOC1" or "LOC2"));
    }

    [Fact]
    public async Task Reads_made_at_once_each_get_their_own_evses_row_or_none()
    {
        // EVSE grains activating by the thousand read together (one query per batch): every read must still get
        // exactly its own row, a key asked twice both times, and a key with no row (or another Location's id case) none.
        // A uid in another case reads the EVSE's row (one per (location_id, upper(evse_uid)) since migration 17).
        var records = Enumerable.Range(0, 400)
            .Select(i => new EvseStatusRecord($"LOC{i % 40}", $"EVSE{i}", i % 3 == 0 ? EvseStatus.Charging : EvseStatus.Available, T0.AddSeconds(i), i + 1))
            .ToList();
        await Task.WhenAll(records.Select(r => Status.WriteAsync(r)));

        var keys = records.Select(r => (r.LocationId, r.EvseUid))
            .Concat(records.Take(50).Select(r => (r.LocationId, r.EvseUid)))
            .Concat(Enumerable.Range(0, 50).Select(i => ($"LOC{i % 40}", $"NONE{i}")))
            .Concat([("loc1", "EVSE1"), ("LOC1", "evse1"), ("LOC2", "EVSE1")])
            .ToList();
        var reads = await Task.WhenAll(keys.Select(k => Task.Run(() => Status.ReadAsync(k.Item1, k.Item2))));

        var expected = records.ToDictionary(r => (r.LocationId, r.EvseUid), EvseRowKeyComparer.Instance);
        for (var i = 0; i < keys.Count; i++)
        {
            Assert.Equal(expected.GetValueOrDefault(keys[i]), reads[i]);
        }

        Assert.Equal(451, reads.Count(r => r is not null));
    }

    [Fact]
    public async Task Stored_version_never_goes_down()
    {
        await Status.WriteAsync(new EvseStatusRecord("L", "E1", EvseStatus.Charging, T0.AddMinutes(5), 5));
        await Assert.ThrowsAsync<StatusWriteConflictException>(() => Status.WriteAsync(new EvseStatusRecord("L", "E1", EvseStatus.Available, T0.AddMinutes(9), 3)));
        await Assert.ThrowsAsync<StatusWriteConflictException>(() => Status.WriteAsync(new EvseStatusRecord("L", "E1", EvseStatus.Blocked, T0.AddMinutes(9), 5)));
        Assert.Equal(new EvseStatusRecord("L", "E1", EvseStatus.Charging, T0.AddMinutes(5), 5), await Status.ReadAsync("L", "E1"));

        // Several versions of one EVSE in the same batch: the highest wins whatever the order, and only the
        // writers of the lower versions are told their write was refused.
        var writes = new[]
        {
            Status.WriteAsync(new EvseStatusRecord("L", "E2", EvseStatus.Blocked, T0.AddMinutes(7), 7)),
            Status.WriteAsync(new EvseStatusRecord("L", "E2", EvseStatus.OutOfOrder, T0.AddMinutes(2), 2)),
            Status.WriteAsync(new EvseStatusRecord("L", "E2", EvseStatus.Reserved, T0.AddMinutes(6), 6)),
        };
        await Task.WhenAll(writes).ContinueWith(_ => { }, TaskScheduler.Default);
        Assert.True(writes[0].IsCompletedSuccessfully);
        Assert.Equal(new EvseStatusRecord("L", "E2", EvseStatus.Blocked, T0.AddMinutes(7), 7), await Status.ReadAsync("L", "E2"));
        foreach (var refused in writes.Skip(1).Where(w => !w.IsCompletedSuccessfully))
        {
            Assert.IsType<StatusWriteConflictException>(refused.Exception!.InnerException);
        }

        Assert.Null(await Status.ReadAsync("L", "missing"));
    }

    [Fact]
    public async Task Accepted_status_raises_location_last_updated_but_never_lowers_it()
    {
        await Locations.UpsertAsync(Location("L1", T0));
        await Status.WriteAsync(new EvseStatusRecord("L1", "E1", EvseStatus.Charging, T0.AddMinutes(10), 1));
        Assert.Equal(T0.AddMinutes(10), (await Locations.GetAsync("L1"))!.LastUpdated);

        // Older timestamp (newer version): stored, but the location keeps its later time.
        await Status.WriteAsync(new EvseStatusRecord("L1", "E1", EvseStatus.Available, T0.AddMinutes(3), 2));
        Assert.Equal(T0.AddMinutes(10), (await Locations.GetAsync("L1"))!.LastUpdated);

        // A stale version is rejected and does not move the location either.
        await Assert.ThrowsAsync<StatusWriteConflictException>(() => Status.WriteAsync(new EvseStatusRecord("L1", "E1", EvseStatus.Blocked, T0.AddMinutes(30), 1)));
        Assert.Equal(T0.AddMinutes(10), (await Locations.GetAsync("L1"))!.LastUpdated);

        // Re-putting the document with an older time keeps the effective (later) one.
        await Locations.UpsertAsync(Location("L1", T0.AddMinutes(1)) with { Json = "{\"v\":2}" });
        var stored = await Locations.GetAsync("L1");
        Assert.Equal(T0.AddMinutes(10), stored!.LastUpdated);
        Assert.Equal("{\"v\":2}", stored.Json);
    }

    [Fact]
    public async Task New_location_starts_at_its_evses_latest_change()
    {
        await Status.WriteAsync(new EvseStatusRecord("EARLY", "E1", EvseStatus.Charging, T0.AddHours(2), 1));
        await Locations.UpsertAsync(Location("EARLY", T0));
        Assert.Equal(T0.AddHours(2), (await Locations.GetAsync("EARLY"))!.LastUpdated);
        Assert.Null(await Locations.GetAsync("nope"));
    }

    [Fact]
    public async Task Location_paging_is_ordered_by_first_insert_and_filters_on_last_updated()
    {
        // Inserted in id order P00..P24, with last_updated not in insertion order.
        for (var i = 0; i < 25; i++)
        {
            await Locations.UpsertAsync(Location($"P{i:D2}", T0.AddMinutes((i * 7) % 25)));
        }

        // Updating a document does not move it in the paging order.
        await Locations.UpsertAsync(Location("P03", T0.AddMinutes(100)) with { Publish = false });

        var all = new List<StoredLocation>();
        for (var offset = 0; ; offset += 10)
        {
            var page = await Locations.QueryAsync(new LocationQuery(offset, 10));
            Assert.Equal(25, page.TotalCount);
            all.AddRange(page.Items);
            if (page.Items.Count < 10)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"P{i:D2}"), all.Select(l => l.Id));
        var p03 = all.Single(l => l.Id == "P03");
        Assert.False(p03.Publish);
        Assert.Equal(T0.AddMinutes(100), p03.LastUpdated);

        // date_from inclusive, date_to exclusive: minutes 5..9 match exactly five documents.
        var window = await Locations.QueryAsync(new LocationQuery(0, 100, T0.AddMinutes(5), T0.AddMinutes(10)));
        var expected = Enumerable.Range(0, 25).Where(i => i != 3 && (i * 7) % 25 is >= 5 and < 10).Select(i => $"P{i:D2}").ToList();
        Assert.Equal(expected.Count, window.TotalCount);
        Assert.Equal(expected, window.Items.Select(l => l.Id));

        var secondOfWindow = await Locations.QueryAsync(new LocationQuery(1, 2, T0.AddMinutes(5), T0.AddMinutes(10)));
        Assert.Equal(expected.Skip(1).Take(2), secondOfWindow.Items.Select(l => l.Id));

        var fromOnly = await Locations.QueryAsync(new LocationQuery(0, 100, DateFrom: T0.AddMinutes(24)));
        Assert.Equal(["P03", "P07"], fromOnly.Items.Select(l => l.Id));
        var toOnly = await Locations.QueryAsync(new LocationQuery(0, 100, DateTo: T0.AddMinutes(1)));
        Assert.Equal(["P00"], toOnly.Items.Select(l => l.Id));

        var beyond = await Locations.QueryAsync(new LocationQuery(50, 10));
        Assert.Empty(beyond.Items);
        Assert.Equal(25, beyond.TotalCount);
    }

    [Fact]
    public async Task Paging_100k_locations_picks_pages_from_indexes_alone()
    {
        const int rows = 100_000;
        await SeedLocationsAsync(rows, T0);

        // Every plan must pick the page's seqs from indexes alone, never by walking the table.
        var queries = new[]
        {
            new LocationQuery(rows - 100, 100),
            new LocationQuery(500, 100, T0.AddSeconds(rows / 2), T0.AddSeconds(rows / 2 + 5_000)),
            new LocationQuery(0, 100, DateFrom: T0.AddSeconds(rows - 1_000)),
        };
        foreach (var query in queries)
        {
            var plan = await ExplainPageAsync(query);
            AssertIndexOnlyPaging(plan);
        }

        var last = await Locations.QueryAsync(queries[0]);
        Assert.Equal(rows, last.TotalCount);
        Assert.Equal(100, last.Items.Count);
        Assert.Equal($"S{rows - 100:D6}", last.Items[0].Id);

        var filtered = await Locations.QueryAsync(queries[1]);
        Assert.Equal(5_000, filtered.TotalCount);
        Assert.Equal($"S{rows / 2 + 500:D6}", filtered.Items[0].Id);

    }

    [Fact]
    public async Task Partner_filters_restrict_page_and_total_count_alike()
    {
        await Locations.UpsertAsync(Location("F1", T0) with { Country = "nld" });
        await Locations.UpsertAsync(Location("F2", T0) with { Publish = false });
        await Locations.UpsertAsync(Location("F3", T0) with { Country = "DEU" });
        await Locations.UpsertAsync(Location("f4", T0.AddMinutes(5)));

        var published = await Locations.QueryAsync(new LocationQuery(0, 10) { PublishedOnly = true });
        Assert.Equal(["F1", "F3", "f4"], published.Items.Select(l => l.Id));
        Assert.Equal(3, published.TotalCount);

        // Countries and ids are matched: matched without regard to case.
        var dutch = await Locations.QueryAsync(new LocationQuery(0, 10) { Countries = ["NLD"] });
        Assert.Equal(["F1", "F2", "f4"], dutch.Items.Select(l => l.Id));

        var listed = await Locations.QueryAsync(new LocationQuery(0, 1, DateFrom: T0) { PublishedOnly = true, LocationIds = ["F4", "f2", "F3"] });
        Assert.Equal(["F3"], listed.Items.Select(l => l.Id));
        Assert.Equal(2, listed.TotalCount);

        var none = await Locations.QueryAsync(new LocationQuery(0, 10) { Countries = [] });
        Assert.Empty(none.Items);
        Assert.Equal(0, none.TotalCount);
    }

    [Fact]
    public async Task Paging_100k_locations_with_partner_filters_uses_indexes()
    {
        const int rows = 100_000;
        await SeedLocationsAsync(rows, T0);

        var queries = new[]
        {
            new LocationQuery(60_000, 100) { PublishedOnly = true },
            new LocationQuery(0, 100, DateFrom: T0.AddSeconds(rows - 1_000)) { PublishedOnly = true, Countries = ["nld"] },
            new LocationQuery(60_000, 100) { PublishedOnly = true, Countries = ["NLD"] },
            new LocationQuery(0, 100) { PublishedOnly = true, LocationIds = ["s000005", "S099999", "S050001"] },
        };
        foreach (var query in queries)
        {
            AssertIndexOnlyPaging(await ExplainPageAsync(query));
        }

        var published = await Locations.QueryAsync(queries[0]);
        Assert.Equal(90_000, published.TotalCount);
        // 60,000 published rows precede the page: ids 0..66,665 minus the 6,666 unpublished among them.
        Assert.Equal("S066666", published.Items[0].Id);

        var recentDutch = await Locations.QueryAsync(queries[1]);
        Assert.Equal(Enumerable.Range(rows - 1_000, 1_000).Count(i => i % 10 != 9 && i % 4 != 3), recentDutch.TotalCount);

        var dutch = await Locations.QueryAsync(queries[2]);
        Assert.Equal(70_000, dutch.TotalCount);
        Assert.All(dutch.Items, l => Assert.Equal("NL", l.CountryCode));

        var listed = await Locations.QueryAsync(queries[3]);
        Assert.Equal(["S000005", "S050001"], listed.Items.Select(l => l.Id));
    }

    protected abstract Task<StorageOptions> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    /// <summary>
    /// Inserts S000000.. with seq in id order and last_updated = t0 + i seconds, in bulk; country DEU when
    /// i % 4 == 3 (else NLD), publish false when i % 10 == 9.
    /// </summary>
    protected abstract Task SeedLocationsAsync(int count, DateTimeOffset t0);

    protected abstract Task<string> ExplainPageAsync(LocationQuery query);

    protected abstract void AssertIndexOnlyPaging(string plan);

    private static StoredLocation Location(string id, DateTimeOffset lastUpdated) =>
        new(id, "NL", "NLD", "SGR", true, lastUpdated, $"{{\"id\":\"{id}\"}}");
}
