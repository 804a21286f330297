using StatusGrid.Ocpi.Locations;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>
/// Issue 14, <c>ordered</c> delivery: "none repeated after acknowledgement" when an answer is lost while the rest of
/// the estate keeps moving. The partner's copy is read before a message goes again, and it must match what was sent:
/// a PUT is the same message at every attempt, whatever its EVSEs did after it was queued.
/// </summary>
public sealed class OrderedLostAnswerTests
{
    [Fact]
    public async Task A_location_put_whose_answer_was_lost_is_found_held_although_another_evse_changed_meanwhile()
    {
        await using var cluster = await GrainTestCluster.StartAsync();
        var kit = new PartnerTestKit(cluster);
        await kit.PutLocationAsync("LA-1", 2);
        var model = new OcpiPartnerModel("lost.test", seed: 1) { FaultRate = 0 };
        var answersLost = 0;
        cluster.Partners.Respond = async request =>
        {
            var answer = await model.RespondAsync(request);
            if (request.Method == HttpMethod.Put && Interlocked.Exchange(ref answersLost, 1) == 0)
            {
                // The partner applied the PUT; before its answer would arrive, E2 changes (its PATCH queues behind the
                // PUT), and then the answer is lost.
                await kit.ReportAsync("LA-1", 2, EvseStatus.Charging, PartnerTestKit.T0);
                throw new TaskCanceledException("The answer was lost after the partner applied the PUT.");
            }

            return answer;
        };

        var partner = cluster.Client.GetGrain<IPartnerGrain>(await kit.AddPartnerAsync("lost.test", DeliveryMode.Ordered, "LA-1"));
        await Eventually.True(async () => await partner.GetHealth() is { QueueDepth: 0, InFlight: 0 } && model.Held("LA-1", "LA-1-E2")?.Status == "CHARGING",
            "the PATCH behind the PUT to be delivered");

        var puts = kit.RequestsTo("lost.test").Count(r => r.Method == HttpMethod.Put);
        Assert.True(puts == 1, $"The PUT went {puts} times: its check did not recognise the partner's copy.");
        Assert.Single(model.History("LA-1", "LA-1-E1"));
        Assert.Equal(["AVAILABLE", "CHARGING"], model.History("LA-1", "LA-1-E2").Select(h => h.Status));
        Assert.Equal(1, (await partner.GetHealth()).AlreadyHeld);
    }

    [Fact]
    public async Task A_change_handed_over_while_a_new_partner_queues_its_first_puts_reaches_it_once_in_the_put()
    {
        await using var cluster = await GrainTestCluster.StartAsync();
        var kit = new PartnerTestKit(cluster);
        await kit.PutLocationAsync("LA-2", 2);
        var model = new OcpiPartnerModel("new.test", seed: 1) { FaultRate = 0 };
        cluster.Partners.Respond = model.RespondAsync;
        Task<StatusReportOutcome>? change = null;
        cluster.Storage.BeforeQuery = async _ =>
        {
            // The partner is in the directory and is about to list the locations to PUT: E1 changes, and the
            // change is handed over to ordered partners.
            if (change is null)
            {
                change = kit.ReportAsync("LA-2", 1, EvseStatus.Charging, PartnerTestKit.T0);
                await Task.WhenAny(change, Task.Delay(TimeSpan.FromSeconds(1)));
            }
        };

        var partner = cluster.Client.GetGrain<IPartnerGrain>(await kit.AddPartnerAsync("new.test", DeliveryMode.Ordered, "LA-2"));
        Assert.NotNull(change);
        Assert.Equal(StatusReportOutcome.Applied, await change);
        await Eventually.True(async () => await partner.GetHealth() is { QueueDepth: 0, InFlight: 0 } && model.Held("LA-2", "LA-2-E1")?.Status == "CHARGING",
            "the first PUT to be delivered");

        var requests = string.Join(", ", kit.RequestsTo("new.test").Select(r => $"{r.Method} {r.Url.AbsolutePath}"));
        Assert.True(model.History("LA-2", "LA-2-E1").Count == 1, $"E1's state reached the partner more than once: {requests}");
        Assert.Single(model.History("LA-2", "LA-2-E2"));
        Assert.Single(kit.RequestsTo("new.test"));
    }
}
