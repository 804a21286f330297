using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;
using Orleans.Storage;

namespace StatusGrid.Storage.Tests.OrleansContract;

/// <summary>
/// CONTRACT.md section 8 against a running 10.4.2 silo on our schema. Membership and reminder checks use tables
/// bound to a cluster/service id of their own, so the live silo's rows and background work cannot interfere.
/// </summary>
public abstract partial class OrleansContractTestsBase
{
    public static TheoryData<string> KeyKinds => ["string", "guid", "guid+ext", "long", "long+ext"];

    protected abstract Task<OrleansHarness> HarnessAsync();

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public async Task Etag_lifecycle_with_clear(string keyKind)
    {
        var storage = await StorageAsync(OrleansHarness.Storage);
        var id = NewGrainId(keyKind);

        var state = await ReadAsync(storage, id);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);

        state.State = new ContractState { Value = "v1" };
        await storage.WriteStateAsync(OrleansHarness.StateName, id, state);
        Assert.Equal("1", state.ETag);
        Assert.True(state.RecordExists);
        state.State = new ContractState { Value = "v2" };
        await storage.WriteStateAsync(OrleansHarness.StateName, id, state);
        Assert.Equal("2", state.ETag);

        // Conflicts: stale ETag write, null-ETag write over an existing row, stale ETag clear.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(OrleansHarness.StateName, id, State("stale", "1")));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(OrleansHarness.StateName, id, State("fresh", null)));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(OrleansHarness.StateName, id, State(null, "1")));

        await storage.ClearStateAsync(OrleansHarness.StateName, id, state);
        Assert.Equal("3", state.ETag);
        Assert.False(state.RecordExists);
        var cleared = await ReadAsync(storage, id);
        Assert.Equal("3", cleared.ETag);
        Assert.False(cleared.RecordExists);
        Assert.Null(cleared.State?.Value);

        cleared.State = new ContractState { Value = "v4" };
        await storage.WriteStateAsync(OrleansHarness.StateName, id, cleared);
        Assert.Equal("4", cleared.ETag);
        var reread = await ReadAsync(storage, id);
        Assert.Equal("v4", reread.State?.Value);
        Assert.Equal("4", reread.ETag);
        Assert.True(reread.RecordExists);
    }

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public async Task Delete_on_clear_removes_the_row(string keyKind)
    {
        var storage = await StorageAsync(OrleansHarness.DeletingStorage);
        var id = NewGrainId(keyKind);
        var state = State("v1", null);
        await storage.WriteStateAsync(OrleansHarness.StateName, id, state);
        state.State = new ContractState { Value = "v2" };
        await storage.WriteStateAsync(OrleansHarness.StateName, id, state);
        Assert.Equal("2", state.ETag);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(OrleansHarness.StateName, id, State(null, "1")));
        await storage.ClearStateAsync(OrleansHarness.StateName, id, state);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);

        var gone = await ReadAsync(storage, id);
        Assert.Null(gone.ETag);
        Assert.False(gone.RecordExists);
        gone.State = new ContractState { Value = "again" };
        await storage.WriteStateAsync(OrleansHarness.StateName, id, gone);
        Assert.Equal("1", gone.ETag);
    }

    [Fact]
    public async Task Racing_writers_with_the_same_etag_get_one_success_and_one_conflict()
    {
        var storage = await StorageAsync(OrleansHarness.Storage);
        foreach (var etag in new string?[] { null, "1" })
        {
            var id = NewGrainId("string");
            if (etag is not null)
            {
                await storage.WriteStateAsync(OrleansHarness.StateName, id, State("seed", null));
            }

            var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                try
                {
                    await storage.WriteStateAsync(OrleansHarness.StateName, id, State($"writer{i}", etag));
                    return "ok";
                }
                catch (InconsistentStateException)
                {
                    return "conflict";
                }
            })));

            Assert.Equal(["conflict", "ok"], outcomes.Order());
        }
    }

    [Fact]
    public async Task Live_silo_is_active_in_the_membership_table()
    {
        var harness = await HarnessAsync();
        var table = harness.SiloServices.GetRequiredService<IMembershipTable>();
        var data = await table.ReadAllAsync(default);
        var self = harness.SiloServices.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var (entry, _) = Assert.Single(data.Members, m => m.Item1.SiloAddress.Equals(self));
        Assert.Equal(SiloStatus.Active, entry.Status);
        Assert.True(entry.ProxyPort > 0);
    }

    [Fact]
    public async Task Membership_table_versions_and_rows()
    {
        var harness = await HarnessAsync();
        var clusterId = $"isolated-{Guid.NewGuid():N}";
        var table = ActivatorUtilities.CreateInstance<AdoNetClusteringTable>(
            harness.SiloServices,
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = harness.ServiceId }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = harness.Options.AdoNetInvariant, ConnectionString = harness.Options.ConnectionString }));
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, default);
        try
        {
            var now = WholeMilliseconds(DateTime.UtcNow);
            var empty = await table.ReadAllAsync(default);
            Assert.Empty(empty.Members);
            Assert.Equal(0, empty.Version.Version);

            var a = Entry(SiloAddress.New(IPAddress.Loopback, 41001, 1), SiloStatus.Active, now.AddHours(-2), now.AddHours(-1));
            var unknown = await table.ReadRowAsync(a.SiloAddress, default);
            Assert.Empty(unknown.Members);
            Assert.Equal(0, unknown.Version.Version);

            // Stale ETag: refused, nothing changes.
            Assert.False(await table.InsertRowAsync(a, new TableVersion(8, "7"), default));
            Assert.Equal(0, (await table.ReadAllAsync(default)).Version.Version);

            Assert.True(await table.InsertRowAsync(a, empty.Version.Next(), default));
            var afterInsert = await table.ReadAllAsync(default);
            Assert.Equal(1, afterInsert.Version.Version);
            var (storedA, etagA) = Assert.Single(afterInsert.Members);
            Assert.Equal(a.SiloAddress, storedA.SiloAddress);
            Assert.Equal(a.StartTime, storedA.StartTime);
            Assert.Equal(DateTimeKind.Utc, storedA.StartTime.Kind);

            // Duplicate insert: refused, no version bump.
            Assert.False(await table.InsertRowAsync(a, afterInsert.Version.Next(), default));
            Assert.Equal(1, (await table.ReadAllAsync(default)).Version.Version);

            // Update: stale table version refused; current one bumps and stores suspect times.
            storedA.Status = SiloStatus.Dead;
            storedA.AddOrUpdateSuspector(SiloAddress.New(IPAddress.Loopback, 41002, 2), now.AddHours(-1), 10);
            Assert.False(await table.UpdateRowAsync(storedA, etagA, new TableVersion(5, "4"), default));
            Assert.True(await table.UpdateRowAsync(storedA, etagA, afterInsert.Version.Next(), default));
            var afterUpdate = await table.ReadRowAsync(a.SiloAddress, default);
            Assert.Equal(2, afterUpdate.Version.Version);
            var (updatedA, _) = Assert.Single(afterUpdate.Members);
            Assert.Equal(SiloStatus.Dead, updatedA.Status);
            var suspect = Assert.Single(updatedA.SuspectTimes!);
            Assert.Equal(41002, suspect.Item1.Endpoint.Port);
            Assert.Equal(now.AddHours(-1), suspect.Item2);

            // IAmAlive: round-trips as UTC, no version bump.
            var b = Entry(SiloAddress.New(IPAddress.Loopback, 41003, 3), SiloStatus.Active, now.AddMinutes(-5), now.AddMinutes(-5));
            Assert.True(await table.InsertRowAsync(b, afterUpdate.Version.Next(), default));
            b.IAmAliveTime = now.AddSeconds(1).AddMilliseconds(234);
            await table.UpdateIAmAliveAsync(b, default);
            var aliveB = Assert.Single((await table.ReadRowAsync(b.SiloAddress, default)).Members).Item1;
            Assert.Equal(b.IAmAliveTime, aliveB.IAmAliveTime);
            Assert.Equal(DateTimeKind.Utc, aliveB.IAmAliveTime.Kind);
            Assert.Equal(3, (await table.ReadAllAsync(default)).Version.Version);

            // Cleanup removes the dead, long-silent row and keeps the live one.
            await table.CleanupDefunctSiloEntriesAsync(now.AddMinutes(-10), default);
            var remaining = await table.ReadAllAsync(default);
            Assert.Equal(b.SiloAddress, Assert.Single(remaining.Members).Item1.SiloAddress);
            Assert.Equal(3, remaining.Version.Version);
        }
        finally
        {
            await table.DeleteMembershipTableEntriesAsync(clusterId, default);
        }
    }

    [Fact]
    public async Task Client_reaches_grain_through_adonet_gateway_list_and_grain_uses_storage_and_reminders()
    {
        var harness = await HarnessAsync();
        var grain = harness.ClusterClient.GetGrain<IContractGrain>("via-client-" + Guid.NewGuid().ToString("N"));
        await grain.WriteAsync("hello");
        Assert.Equal("hello", await grain.ReadAsync());

        var storage = await StorageAsync(OrleansHarness.Storage);
        var stored = await ReadAsync(storage, grain.GetGrainId());
        Assert.Equal("hello", stored.State?.Value);
        Assert.Equal("1", stored.ETag);

        await grain.ClearAsync();
        var cleared = await ReadAsync(storage, grain.GetGrainId());
        Assert.False(cleared.RecordExists);
        Assert.Equal("2", cleared.ETag);

        await grain.RegisterReminderAsync("heartbeat");
        var reminders = harness.SiloServices.GetRequiredService<IReminderTable>();
        var row = await reminders.ReadRow(grain.GetGrainId(), "heartbeat");
        Assert.NotNull(row);
        Assert.Equal(TimeSpan.FromHours(1), row.Period);
        await grain.UnregisterReminderAsync("heartbeat");
        Assert.Null(await reminders.ReadRow(grain.GetGrainId(), "heartbeat"));
    }

    protected static DateTime WholeMilliseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    private static GrainId NewGrainId(string keyKind)
    {
        var type = GrainType.Create("contract");
        return keyKind switch
        {
            // The "s-" prefix keeps the key from being all-hex, which Orleans would store as an integer key.
            "string" => GrainId.Create(type, IdSpan.Create("s-" + Guid.NewGuid().ToString("N"))),
            "guid" => GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid())),
            "guid+ext" => GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), "ext")),
            "long" => GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64(1, long.MaxValue))),
            "long+ext" => GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64(1, long.MaxValue), "ext")),
            _ => throw new ArgumentOutOfRangeException(nameof(keyKind), keyKind, null),
        };
    }

    private static GrainState<ContractState> State(string? value, string? etag) => new(new ContractState { Value = value }, etag);

    private static MembershipEntry Entry(SiloAddress address, SiloStatus status, DateTime start, DateTime alive) => new()
    {
        SiloAddress = address,
        Status = status,
        HostName = "test-host",
        SiloName = $"silo-{address}",
        ProxyPort = 0,
        StartTime = start,
        IAmAliveTime = alive,
        SuspectTimes = [],
    };

    private static async Task<GrainState<ContractState>> ReadAsync(IGrainStorage storage, GrainId id)
    {
        var state = new GrainState<ContractState>(new ContractState());
        await storage.ReadStateAsync(OrleansHarness.StateName, id, state);
        return state;
    }

    private async Task<IGrainStorage> StorageAsync(string name) =>
        (await HarnessAsync()).SiloServices.GetRequiredKeyedService<IGrainStorage>(name);
}
