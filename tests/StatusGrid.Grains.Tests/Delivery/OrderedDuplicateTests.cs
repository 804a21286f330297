using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>
/// Seen once in CI (OrderedFailoverTests, session 22): an <c>ordered</c> partner never got one acknowledged state. The
/// EVSE's silo was killed after storing the state and before handing it over; the ingest retried the report on the
/// EVSE's new activation, which answered it as a duplicate without handing it over, because the fan-out of the silo it
/// now lived on had last read the partner directory before the ordered partner existed and went on believing there
/// was none. The next state arrived; the one in between was lost for good.
/// </summary>
public sealed class OrderedDuplicateTests
{
    private static readonly DateTimeOffset T0 = PartnerTestKit.T0;

    [Fact]
    public async Task A_state_a_dead_activation_stored_but_never_handed_over_reaches_an_ordered_partner_when_its_report_comes_again()
    {
        await using var cluster = await GrainTestCluster.StartAsync(silos: 1);
        var kit = new PartnerTestKit(cluster);
        await kit.PutLocationAsync("OD-1", 1);
        // Answered once the fan-out has read the directory (its first read, or one before): no partner at all yet.
        Assert.Equal(StatusReportOutcome.Applied, await kit.ReportAsync("OD-1", 1, EvseStatus.Charging, T0.AddMinutes(1)));

        const string Host = "ordered-duplicate.test";
        var model = new OcpiPartnerModel(Host, seed: 1) { FaultRate = 0 };
        cluster.Partners.Respond = model.RespondAsync;
        await kit.AddPartnerAsync(Host, DeliveryMode.Ordered, "OD-1");
        await Eventually.True(() => model.Held("OD-1", "OD-1-E1")?.Status == "CHARGING", "the location's PUT taken");

        // An activation stored BLOCKED and died before its fan-out handed it over: the store has it, no partner does.
        var store = cluster.Cluster.GetSiloServiceProvider(cluster.Cluster.Silos[0].SiloAddress).GetRequiredService<IStatusStore>();
        var stored = (await store.ReadAsync("OD-1", "OD-1-E1"))!;
        var blocked = T0.AddMinutes(2);
        await store.WriteAsync(stored with { Status = EvseStatus.Blocked, LastUpdated = blocked, Version = stored.Version + 1 });
        var evse = cluster.Client.GetGrain<IEvseGrain>(EvseKey.Evse("OD-1", "OD-1-E1"));
        await evse.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // The client was not answered, so it sends the report again: a duplicate of what is stored, and acknowledged.
        Assert.Equal(StatusReportOutcome.Duplicate, await kit.ReportAsync("OD-1", 1, EvseStatus.Blocked, blocked));
        Assert.Equal(StatusReportOutcome.Applied, await kit.ReportAsync("OD-1", 1, EvseStatus.Available, T0.AddMinutes(3)));

        await Eventually.True(() => model.Held("OD-1", "OD-1-E1")?.Status == "AVAILABLE", "the partner to take the last state");
        Assert.Equal(["CHARGING", "BLOCKED", "AVAILABLE"], model.History("OD-1", "OD-1-E1").Select(h => h.Status));
    }
}
