using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Hosting;
using StatusGrid.Grains.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>
/// An ordered partner's queue is stored before the report that fed it is answered. It was one grain-state document
/// rewritten whole on every hand-off: every message queued and the newest sent state of every EVSE the partner ever
/// got (megabytes for a hub that receives a 100k-EVSE estate, rewritten at every ingest batch, and more while it is
/// down and its backlog grows). What a hand-off stores must follow the hand-off, not the queue.
/// </summary>
public sealed class OrderedQueueStoreTests
{
    [Fact]
    public async Task A_hand_off_stores_only_its_own_rows_however_long_the_backlog_and_however_many_evses_were_sent()
    {
        await using var cluster = await GrainTestCluster.StartAsync(silos: 1);
        var kit = new PartnerTestKit(cluster);
        var locations = Enumerable.Range(1, 10).Select(i => $"QS-{i}").ToArray();
        const int EvsesPerLocation = 20;
        foreach (var location in locations)
        {
            await kit.PutLocationAsync(location, EvsesPerLocation);
        }

        var down = false;
        cluster.Partners.Respond = _ => Task.FromResult(Volatile.Read(ref down)
            ? StubPartnerHandler.Json(HttpStatusCode.ServiceUnavailable, """{"status_code":3000,"timestamp":"2026-01-01T00:00:00Z"}""")
            : StubPartnerHandler.Ok());
        var partnerId = await kit.AddPartnerAsync("queue-rows.test", DeliveryMode.Ordered, locations);
        var partner = cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await Eventually.True(() => partner.GetHealth().Result is { QueueDepth: 0, InFlight: 0, PendingLocationPuts: 0 }, "the PUTs delivered");

        // Every EVSE gets a state the partner takes (each one's sent state is stored)...
        await ReportEveryEvseAsync(kit, locations, EvsesPerLocation, EvseStatus.Charging, seconds: 1);
        await Eventually.True(() => partner.GetHealth().Result is { QueueDepth: 0, InFlight: 0 }, "every PATCH delivered");
        // ...then the partner goes down, and a backlog of one state per EVSE builds up.
        Volatile.Write(ref down, true);
        await ReportEveryEvseAsync(kit, locations, EvsesPerLocation, EvseStatus.Blocked, seconds: 2);
        Assert.True((await partner.GetHealth()).QueueDepth >= 190);

        var before = cluster.Storage.QueueWrites.Count;
        await kit.ReportAsync(locations[0], 1, EvseStatus.Available, PartnerTestKit.T0.AddSeconds(3));

        // Answered once its hand-off was stored: by a write of a few rows (the counters, the new message, a retry's
        // sent state), not of the 200 messages and 200 sent states the partner's queue holds.
        var writes = cluster.Storage.QueueWrites.Skip(before).Where(w => w.PartnerId == partnerId).Select(w => w.Rows).ToList();
        Assert.NotEmpty(writes);
        Assert.All(writes, rows => Assert.InRange(rows, 1, 20));
    }

    [Fact]
    public async Task A_queue_an_older_version_kept_as_grain_state_is_moved_into_rows_and_delivered()
    {
        await using var cluster = await GrainTestCluster.StartAsync(silos: 1);
        var kit = new PartnerTestKit(cluster);
        await kit.PutLocationAsync("QL-1", 2);
        var model = new OcpiPartnerModel("legacy-queue.test", seed: 1) { FaultRate = 0 };
        cluster.Partners.Respond = model.RespondAsync;
        var partnerId = await kit.AddPartnerAsync("legacy-queue.test", DeliveryMode.Ordered, "QL-1");
        var partner = cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await Eventually.True(() => partner.GetHealth().Result is { QueueDepth: 0, InFlight: 0, PendingLocationPuts: 0 }, "the PUT delivered");
        await partner.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.True(async () => (await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(partner)) is null, "the partner deactivated");

        // What an older version left when it stopped: the queue as one document, a PATCH not yet sent, no rows.
        var silo = cluster.Cluster.Silos[0].ServiceProvider;
        var store = silo.GetRequiredService<IPartnerQueueStore>();
        await store.DeleteAsync(partnerId);
        var grainStorage = silo.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        var change = new EvseStatusChange("QL-1", "QL-1-E1", "NL", "SGR", true, EvseStatus.Charging, PartnerTestKit.T0.AddMinutes(5), 50);
        await grainStorage.WriteStateAsync("partnerqueue", partner.GetGrainId(), new GrainState<OrderedQueueState>(new OrderedQueueState
        {
            Messages = [new OrderedMessage(100, "QL-1", change, [], PartnerTestKit.T0)],
            NextSeq = 101,
        }));

        await partner.GetHealth(); // the next activation
        await Eventually.True(() => model.Held("QL-1", "QL-1-E1")?.Status == "CHARGING", "the queued PATCH delivered");

        await Eventually.True(async () => (await partner.GetHealth()) is { QueueDepth: 0, InFlight: 0 }, "the queue emptied");
        var rows = await store.ReadAsync(partnerId);
        Assert.NotNull(rows.Meta);
        Assert.Empty(rows.Messages);
        Assert.Contains(rows.Sent, s => s.EvseKey == EvseKey.Evse("QL-1", "QL-1-E1") && s.Version == 50);
        var legacy = new GrainState<OrderedQueueState>(new OrderedQueueState());
        await grainStorage.ReadStateAsync("partnerqueue", partner.GetGrainId(), legacy);
        Assert.False(legacy.RecordExists);
    }

    private static async Task ReportEveryEvseAsync(PartnerTestKit kit, string[] locations, int evses, EvseStatus status, int seconds)
    {
        foreach (var location in locations)
        {
            await Task.WhenAll(Enumerable.Range(1, evses).Select(e => kit.ReportAsync(location, e, status, PartnerTestKit.T0.AddSeconds(seconds))));
        }
    }
}
