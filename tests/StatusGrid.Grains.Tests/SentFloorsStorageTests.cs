using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Tests;

/// <summary>
/// The PUT stamp floors a partner keeps in its stored state (SentStamps): a filter change mints one per Location it
/// moves, and each must be stored before its PUT goes and hold in the next activation; one the Location's own clock
/// has passed must leave the stored state, or a change that moved every Location of a large estate leaves them all
/// there for good.
/// </summary>
public sealed class SentFloorsStorageTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private GrainTestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_floor_the_locations_own_status_passed_leaves_the_partners_stored_state_and_the_others_stay()
    {
        const string host = "floors-pruned.test";
        var (passed, kept, other) = ("FLP-1", "FLP-2", "FLP-3");
        var kit = new PartnerTestKit(Cluster);
        var partnerId = await kit.AddPartnerAsync(host, passed, kept, other);
        var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        foreach (var id in new[] { passed, kept, other })
        {
            await kit.PutLocationAsync(id, 1);
        }

        await Eventually.True(async () => (await partner.GetHealth()) is { InFlight: 0, PendingLocationPuts: 0, QueueDepth: 0 }
            && kit.RequestsTo(host).Count(r => r.Method == HttpMethod.Put) >= 3, "the three Locations delivered");

        // Narrowed to one Location: the two others are withdrawn with minted stamps, stored before their PUTs went.
        var config = (await partner.GetConfig())!;
        await partner.Configure(config with { Filter = config.Filter with { LocationIds = [other] } });
        await Eventually.True(async () => (await StoredFloorsAsync(partner)).Count == 2, "the two withdrawals' floors stored");
        var minted = (await StoredFloorsAsync(partner))[passed].AtUnixMs;

        // Widened again: both come back, newer still. Then one of them reports a status newer than its floor.
        await partner.Configure(config);
        await Eventually.True(async () => (await StoredFloorsAsync(partner)).TryGetValue(passed, out var floor) && floor.AtUnixMs > minted, "the Locations back, their floors stored");
        var back = DateTimeOffset.FromUnixTimeMilliseconds((await StoredFloorsAsync(partner))[passed].AtUnixMs);
        await kit.ReportAsync(passed, 1, EvseStatus.Charging, back.AddMilliseconds(200));
        await Eventually.True(() => kit.PatchesTo(host).Any(p => p.Url.AbsolutePath.Contains(passed, StringComparison.Ordinal)), "the newer status patched");
        await Eventually.True(async () => (await partner.GetHealth()) is { InFlight: 0, PendingLocationPuts: 0, QueueDepth: 0 }, "nothing in flight");

        // A clean stop writes the state: the floor the status passed is gone, the other stays for the next activation.
        // (The reconciles may activate it again at once; that activation's own write keeps what it read.)
        await partner.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.True(async () => !(await StoredFloorsAsync(partner)).ContainsKey(passed), "the passed floor gone from the stored state");

        Assert.Contains(kept, (await StoredFloorsAsync(partner)).Keys);
    }

    private async Task<Dictionary<string, SentFloor>> StoredFloorsAsync(IPartnerGrain partner)
    {
        var storage = Cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        var state = new GrainState<PartnerState>(new PartnerState());
        await storage.ReadStateAsync("partner", partner.GetGrainId(), state);
        return state.State?.SentFloors ?? [];
    }
}
