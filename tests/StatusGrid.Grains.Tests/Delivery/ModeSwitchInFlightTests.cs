using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>
/// A delivery-mode switch drops the old mode's pending work, but a request of the old mode may be on the network. If
/// the new mode sent a newer state of that EVSE at once, the partner could apply the older request after it and go
/// back. The new mode must wait for the old mode's requests to end.
/// </summary>
public sealed class ModeSwitchInFlightTests
{
    [Theory]
    [InlineData(DeliveryMode.Latest, DeliveryMode.Ordered)]
    [InlineData(DeliveryMode.Ordered, DeliveryMode.Latest)]
    public async Task A_request_in_flight_when_the_delivery_mode_switches_cannot_land_after_a_newer_state(DeliveryMode from, DeliveryMode to)
    {
        await using var cluster = await GrainTestCluster.StartAsync(silos: 1, new Dictionary<string, string?> { ["StatusGrid:Fanout:DirectoryTrust"] = "00:00:00" });
        var kit = new PartnerTestKit(cluster);
        const string host = "switch.test";
        await kit.PutLocationAsync("MS-1", 1);
        var model = new OcpiPartnerModel(host, seed: 1) { FaultRate = 0 };
        var slowApplied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Partners.Respond = async request =>
        {
            // The partner takes 1.5 s (within the 2 s request timeout) to apply the CHARGING PATCH.
            if (request.Method == HttpMethod.Patch && request.Body.Contains("CHARGING", StringComparison.Ordinal))
            {
                await Task.Delay(1500);
                try
                {
                    return await model.RespondAsync(request);
                }
                finally
                {
                    slowApplied.TrySetResult();
                }
            }

            return await model.RespondAsync(request);
        };
        var partner = cluster.Client.GetGrain<IPartnerGrain>(await kit.AddPartnerAsync(host, from, "MS-1"));
        await Eventually.True(() => model.Held("MS-1", "MS-1-E1") is not null, "the location's PUT taken");
        await kit.ReportAsync("MS-1", 1, EvseStatus.Charging, PartnerTestKit.T0.AddMinutes(1));
        await Eventually.True(() => kit.PatchesTo(host).Count > 0, "the CHARGING PATCH on its way");

        await partner.Configure((await partner.GetConfig())! with { DeliveryMode = to });
        await kit.ReportAsync("MS-1", 1, EvseStatus.Available, PartnerTestKit.T0.AddMinutes(2));

        await slowApplied.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.True(() => model.Held("MS-1", "MS-1-E1")?.Status == "AVAILABLE", "the partner to hold AVAILABLE", TimeSpan.FromSeconds(30));
        Assert.True(model.Regressions.Count == 0, $"The partner went back: {string.Join("; ", model.Regressions)}");
    }
}
