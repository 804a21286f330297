using Orleans.Runtime;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>
/// Issue 14, <c>ordered</c> delivery: "none repeated after acknowledgement" across a crash. The partner takes a
/// PATCH, and its silo dies before the answer arrives: the queue (stored before the send) still holds the message.
/// The next activation must read the partner's copy before sending it again, and send only what it lacks.
/// </summary>
public sealed class OrderedCrashTests
{
    [Fact]
    public async Task A_message_the_partner_took_before_the_silo_died_is_not_sent_again_and_the_next_one_follows()
    {
        await using var cluster = await GrainTestCluster.StartAsync(silos: 2, killsSilos: true);
        var kit = new PartnerTestKit(cluster);
        await kit.PutLocationAsync("OC-1", 2);
        var victim = cluster.Cluster.Silos[1];
        var host = await kit.HostLivingOnAsync(victim.SiloAddress);
        var model = new OcpiPartnerModel(host, seed: 1) { FaultRate = 0 };
        var answersLost = 0;
        var never = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Partners.Respond = async request =>
        {
            var answer = await model.RespondAsync(request);
            // The partner applies the first CHARGING PATCH; its answer never reaches the (soon dead) silo.
            return request.Method == HttpMethod.Patch && request.Body.Contains("CHARGING", StringComparison.Ordinal)
                && Interlocked.Exchange(ref answersLost, 1) == 0
                ? await never.Task
                : answer;
        };

        try
        {
            var partnerId = await kit.AddPartnerAsync(host, DeliveryMode.Ordered, "OC-1");
            var partner = cluster.Client.GetGrain<IPartnerGrain>(partnerId);
            await Eventually.True(() => model.Held("OC-1", "OC-1-E2") is not null, "the location's PUT taken");

            var charging = PartnerTestKit.T0.AddMinutes(1);
            await kit.ReportAsync("OC-1", 1, EvseStatus.Charging, charging);
            await Eventually.True(() => model.Held("OC-1", "OC-1-E1")?.Status == "CHARGING", "the partner to take the CHARGING PATCH");
            await kit.ReportAsync("OC-1", 2, EvseStatus.Blocked, charging.AddSeconds(1));

            await cluster.Cluster.KillSiloAsync(victim);
            await Eventually.True(async () =>
            {
                try
                {
                    return await partner.GetHealth() is { QueueDepth: 0, InFlight: 0 } && model.Held("OC-1", "OC-1-E2")?.Status == "BLOCKED";
                }
                catch (Exception ex) when (ex is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
                {
                    return false; // until the cluster has declared the killed silo dead
                }
            }, "the next activation to deliver the rest of the queue", TimeSpan.FromSeconds(45));

            var history = model.History("OC-1", "OC-1-E1");
            Assert.Equal(1, history.Count(h => h.Status == "CHARGING"));
            Assert.Equal(1, model.History("OC-1", "OC-1-E2").Count(h => h.Status == "BLOCKED"));
            Assert.Equal(1, (await partner.GetHealth()).AlreadyHeld);
        }
        finally
        {
            never.TrySetCanceled();
        }
    }
}
