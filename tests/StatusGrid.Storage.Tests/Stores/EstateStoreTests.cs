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
    private StorageOptions? _options;

    private IEstateStore Estate => _services!.GetRequiredService<IEstateStore>();

    private ILocationStore Locations => _services!.GetRequiredService<ILocationStore>();

    private IStatusStore Status => _services!.GetRequiredService<IStatusStore>();

    public async Task InitializeAsync()
    {
        _options = await CreateDatabaseAsync();
        await SchemaMigrator.ApplyAsync(_options);
        _services = new ServiceCollection().AddStatusGridStorage(_options).BuildServiceProvider();
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
        // Imported documents are owed to partners like edited ones (their PUTs are handed over in memory only).
        Assert.Equal(1, (await Estate.FindLocationAsync("LOC-1"))!.DocumentVersion);
        Assert.Equal(new EvseStatusRecord("Loc-1", "e2", EvseStatus.Charging, T0.AddMinutes(2), 1), await Status.ReadAsync("Loc-1", "e2"));
        var meta = await Estate.FindEvseAsync("LOC-1*E2");
        Assert.Equal(("Loc-1", "e2", "NL*SGR*ELOC1E2", "DEU", true, T0.AddMinutes(1)), (meta!.LocationId, meta.EvseUid, meta.EvseId, meta.Country, meta.Publish, meta.DocumentLastUpdated));
        Assert.Equal("Loc-2", (await Estate.FindEvseIdAsync("E*NL*SGR*ELOC2E1"))!.LocationId);
        Assert.Null(await Estate.FindEvseAsync("LOC-3*E1"));
        Assert.Equal(["LOC-1"], await Estate.ExistingAsync(["loc-1", "loc-3"]));
    }

    [Fact]
    public async Task An_import_keeps_a_status_row_left_under_another_spelling_of_an_evse_uid()
    {
        // A status row from an earlier life of the EVSE, its uid in another case: since migration 17 it is the EVSE's
        // row (one per upper(uid)), kept like one of the same spelling, instead of failing the whole import.
        var left = new EvseStatusRecord("Loc-9", "E1", EvseStatus.Blocked, T0, 7);
        await Status.WriteAsync(left);

        Assert.Empty(await Estate.ImportAsync([Imported("Loc-9", 2)], new SyncProgress(_ => { })));

        Assert.Equal([left, new EvseStatusRecord("Loc-9", "e2", EvseStatus.Charging, T0.AddMinutes(2), 1)], await Status.ReadLocationsAsync(["Loc-9"]));
    }

    [Fact]
    public async Task Evse_lookups_made_at_once_each_get_their_own_identity_or_none()
    {
        await Estate.ImportAsync([.. Enumerable.Range(1, 30).Select(i => Imported($"Loc-{i}", 5))]);

        // Grains activating together share one query per batch; each lookup still gets only its own row.
        var keys = Enumerable.Range(1, 30).SelectMany(i => Enumerable.Range(1, 7).Select(n => $"LOC-{i}*E{n}"))
            .Concat(["LOC-1*E1", "loc-1*e1", "LOC-31*E1"])
            .ToList();
        var found = await Task.WhenAll(keys.Select(k => Task.Run(() => Estate.FindEvseAsync(k))));

        for (var i = 0; i < keys.Count; i++)
        {
            if (found[i] is { } meta)
            {
                Assert.Equal(keys[i], meta.Key);
                Assert.Equal(keys[i].Split('*')[1].ToLowerInvariant(), meta.EvseUid);
            }
        }

        Assert.Equal(30 * 5 + 1, found.Count(m => m is not null));
        Assert.Equal("Loc-7", found[keys.IndexOf("LOC-7*E5")]!.LocationId);
        Assert.Null(found[keys.IndexOf("LOC-7*E6")]);
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

    [Fact]
    public async Task An_evse_grains_row_replaces_the_imported_one_with_its_horizon_and_a_new_one_is_the_latest_for_its_evse_id()
    {
        await Estate.ImportAsync([Imported("Loc-40", 1)]);
        var defined = new EvseMeta("LOC-40*E1", "Loc-40", "e1", "NL*SGR*X1", "E*NL*SGR*X1", "NL", "SGR", false, "NLD", T0.AddHours(1)) { Horizon = T0.AddHours(2) };
        var added = new EvseMeta("LOC-41*E1", "Loc-41", "e1", "NL*SGR*ELOC40E1", "E*NL*SGR*ELOC40E1", "NL", "SGR", true, "NLD", T0);

        await Estate.SaveEvseAsync(defined);
        await Estate.SaveEvseAsync(added);

        Assert.Equal(defined, await Estate.FindEvseAsync("LOC-40*E1"));
        Assert.Equal(T0.AddHours(2), (await Estate.FindEvseAsync("LOC-40*E1"))!.Horizon);
        Assert.Equal(added, await Estate.FindEvseAsync("LOC-41*E1"));
        Assert.Equal("Loc-41", (await Estate.FindEvseIdAsync("E*NL*SGR*ELOC40E1"))!.LocationId);
    }

    [Fact]
    public async Task Two_evses_of_one_import_sharing_an_evse_id_resolve_to_the_later_one_in_file_order()
    {
        // Keys chosen so the later EVSE's key sorts first: a tie in import order would be settled by key, not file.
        ImportedLocation Sharing(string id, string uid) => new(
            new StoredLocation(id, "NL", "DEU", "SGR", true, T0, $$"""{"id":"{{id}}"}"""),
            [new EvseMeta($"{id.ToUpperInvariant()}*{uid.ToUpperInvariant()}", id, uid, "NL*SGR*ESHARED", "E*NL*SGR*ESHARED", "NL", "SGR", true, "DEU", T0)],
            [new EvseStatusRecord(id, uid, EvseStatus.Available, T0, 1)]);

        await Estate.ImportAsync([Sharing("L_z", "Z"), Sharing("L_a", "A")]);

        var found = await Estate.FindEvseIdAsync("E*NL*SGR*ESHARED");
        Assert.Equal(("L_a", "A"), (found!.LocationId, found.EvseUid));
    }

    [Fact]
    public async Task Raising_a_horizon_keeps_the_identity_and_never_lowers_it()
    {
        // A deactivating grain writes its horizon; if it outlived its silo, a later put may have changed the row meanwhile.
        var defined = new EvseMeta("LOC-50*E1", "Loc-50", "e1", null, null, "NL", "SGR", false, "NLD", T0);
        await Estate.SaveEvseAsync(defined);

        await Estate.RaiseEvseHorizonAsync("LOC-50*E1", T0.AddMinutes(3));
        await Estate.RaiseEvseHorizonAsync("LOC-50*E1", T0.AddMinutes(2));
        await Estate.RaiseEvseHorizonAsync("LOC-51*E1", T0.AddMinutes(2));

        Assert.Equal(defined with { Horizon = T0.AddMinutes(3) }, await Estate.FindEvseAsync("LOC-50*E1"));
        Assert.Null(await Estate.FindEvseAsync("LOC-51*E1"));
    }

    [Fact]
    public async Task Evse_identities_an_earlier_version_kept_in_orleans_grain_state_move_to_their_rows_when_the_schema_is_applied()
    {
        await Estate.ImportAsync([Imported("Loc-30", 2)]);
        // As an EVSE grain of an earlier version wrote them (System.Text.Json, the grain's key as key extension): a
        // Location put after the import, whose identity wins over the imported row, and an EVSE only a put defined.
        await InsertLegacyStateAsync("LOC-30*E1", """
            {"LocationId":"Loc-30","EvseUid":"e1","EvseId":"nl*sgr*e99","CountryCode":"NL","PartyId":"SGR","Publish":false,"Country":"NLD","Horizon":"2025-03-01T12:05:00.1234567+00:00","DocumentLastUpdated":"2025-03-01T13:00:00+01:00"}
            """);
        await InsertLegacyStateAsync("LOC-31*E1", """
            {"LocationId":"Loc-31","EvseUid":"e1","EvseId":null,"CountryCode":"NL","PartyId":"SGR","Publish":true,"Country":"NLD","DocumentLastUpdated":"2025-03-01T12:00:00+00:00"}
            """);

        await SchemaMigrator.ApplyAsync(_options!);

        var moved = await Estate.FindEvseAsync("LOC-30*E1");
        Assert.Equal(("Loc-30", "e1", "nl*sgr*e99", "E*NL*SGR*E99", false, "NLD", T0), (moved!.LocationId, moved.EvseUid, moved.EvseId, moved.EvseIdKey, moved.Publish, moved.Country, moved.DocumentLastUpdated));
        Assert.Equal(T0.AddMinutes(5).AddMilliseconds(123), moved.Horizon);
        Assert.Equal("Loc-30", (await Estate.FindEvseIdAsync("E*NL*SGR*E99"))!.LocationId);
        var defined = await Estate.FindEvseAsync("LOC-31*E1");
        Assert.Equal(("Loc-31", null, null, true, T0, (DateTimeOffset?)null), (defined!.LocationId, defined.EvseId, defined.EvseIdKey, defined.Publish, defined.DocumentLastUpdated, defined.Horizon));
        Assert.Equal("e2", (await Estate.FindEvseAsync("LOC-30*E2"))!.EvseUid);
        Assert.Equal(0L, await CountLegacyStatesAsync());

        // Every later run moves only what is new there (rows written by a silo still on the earlier version).
        await Estate.SaveEvseAsync(moved with { Publish = true });
        await SchemaMigrator.ApplyAsync(_options!);
        Assert.True((await Estate.FindEvseAsync("LOC-30*E1"))!.Publish);
    }

    protected abstract Task<StorageOptions> CreateDatabaseAsync();

    /// <summary>Runs <paramref name="sql"/> with @key (text) and @payload (bytes) on the test database.</summary>
    protected abstract Task<object?> ExecuteAsync(string sql, string key, byte[] payload);

    /// <summary>SQL for "now" in Orleans' modified_on column.</summary>
    protected abstract string Now { get; }

    private Task<object?> InsertLegacyStateAsync(string key, string json) => ExecuteAsync($"""
        INSERT INTO orleans_grain_state (service_id, grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash, grain_type_string,
            grain_id_extension_string, payload_binary, version, modified_on)
        VALUES ('statusgrid', 7, 0, 0, 11, 'evse', @key, @payload, 2, {Now});
        """, key, System.Text.Encoding.UTF8.GetBytes(json.Trim()));

    private async Task<long> CountLegacyStatesAsync() =>
        Convert.ToInt64(await ExecuteAsync("SELECT count(*) FROM orleans_grain_state WHERE grain_type_string = 'evse' OR grain_id_extension_string = @key OR payload_binary = @payload;", "LOC-30*E1", []),
            System.Globalization.CultureInfo.InvariantCulture);

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

    protected override string Now => "strftime('%Y-%m-%d %H:%M:%f', 'now')";

    protected override async Task<object?> ExecuteAsync(string sql, string key, byte[] payload)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(_database.Options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@key", key);
        command.Parameters.AddWithValue("@payload", payload);
        return await command.ExecuteScalarAsync();
    }
}

[Collection(PostgresFixture.Collection)]
public sealed class PostgresEstateStoreTests(PostgresFixture postgres) : EstateStoreTestsBase
{
    private string? _connectionString;

    protected override async Task<StorageOptions> CreateDatabaseAsync() =>
        new() { Provider = DatabaseProvider.PostgreSql, ConnectionString = _connectionString = await postgres.CreateDatabaseAsync("estate") };

    protected override Task DropDatabaseAsync() => Task.CompletedTask;

    protected override string Now => "now()";

    protected override async Task<object?> ExecuteAsync(string sql, string key, byte[] payload)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("payload", payload);
        return await command.ExecuteScalarAsync();
    }
}
