using Microsoft.AspNetCore.Http;

namespace StatusGrid.Server.Tests.OcpiApi.Hubs;

/// <summary>
/// When a push's answer is lost (502, 504, a timeout), StatusGrid asks the partner's copy with a GET before sending
/// the state again. A push to the hub itself is a broadcast push (OCPI-to-* name the hub), and a GET must never be
/// combined with a broadcast: the hub holds no copy of its own to answer from. So a hub gets the state again, without a
/// GET. Found by an audit of every request StatusGrid sends: the GET went to the hub, addressed to the hub.
/// </summary>
public sealed class HubBroadcastCheckTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    /// <remarks>Ordered delivery checks through the same <c>OcpiPushClient</c> call, so latest mode stands for both.</remarks>
    [Fact]
    public async Task A_broadcast_push_whose_answer_was_lost_goes_again_without_a_get_to_the_hub()
    {
        const string location = "HBC-1";
        await using var hub = await Host.RegisteredHubAsync("HUB-" + location, location);
        hub.KeepsCopies = true;
        await Host.PutLocationAsync(location);
        await hub.WaitForAsync(r => r.Method == "PUT" && r.Path.Contains(location, StringComparison.Ordinal), "the Location PUT");
        var lost = 0;
        hub.Respond = push => Task.FromResult<IResult?>(
            push.Method == "PATCH" && Interlocked.Exchange(ref lost, 1) == 0 ? Results.StatusCode(StatusCodes.Status502BadGateway) : null);

        await Host.IngestAsync(location, $"{location}-E1", "CHARGING", DateTimeOffset.UtcNow.AddSeconds(-1));

        await hub.WaitForAsync(r => r.Method == "PATCH" && r.Status() == "CHARGING" && hub.Received.Count(p => p.Method == "PATCH") >= 2,
            "the PATCH again after its lost answer", TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(hub.Received, r => r.Method == "GET");
        Assert.All(hub.Received, r => Assert.True(r.To("NL", "HUB"), $"{r.Method} {r.Path} not addressed to the hub"));
    }
}
