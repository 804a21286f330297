using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.OcpiApi.Hubs;

/// <summary>
/// Issue 14 with the mock eMSP as a hub: a party behind it in <c>ordered</c> mode gets every state in order despite
/// failures, and a rate-limited party never gets more requests per second than its limit.
/// </summary>
public sealed class HubDeliveryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] Sequence = ["CHARGING", "AVAILABLE", "BLOCKED", "AVAILABLE", "OUTOFORDER", "CHARGING", "RESERVED", "AVAILABLE", "CHARGING", "AVAILABLE"];

    private StatusGridHost Host => fixture.Host;

    [Fact]
    public async Task An_ordered_party_behind_a_failing_hub_gets_every_state_in_order_and_none_again_after_its_2xx()
    {
        const string location = "HOD-1";
        await using var hub = await Host.RegisteredHubAsync("HUB-ORD", location);
        var answered = new ConcurrentQueue<ReceivedPush>();
        var count = 0;
        hub.Respond = push =>
        {
            if (!push.To("DE", "EMA"))
            {
                return Task.FromResult<IResult?>(null);
            }

            // Every third request addressed to the party fails (503); the others are taken.
            if (Interlocked.Increment(ref count) % 3 == 0)
            {
                return Task.FromResult<IResult?>(Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
            }

            answered.Enqueue(push);
            return Task.FromResult<IResult?>(null);
        };
        await Host.PutLocationAsync(location);
        await Host.AddPartyBehindAsync(hub, "HUB-ORD", location, """, "delivery_mode":"ordered" """);
        await hub.WaitForAsync(r => r.Method == "PUT" && r.To("DE", "EMA"), "the Location PUT to the ordered party");

        var t0 = DateTimeOffset.Parse("2026-11-03T10:00:00Z");
        for (var i = 0; i < Sequence.Length; i++)
        {
            await Host.IngestAsync(location, $"{location}-E1", Sequence[i], t0.AddSeconds(i + 1));
        }

        await hub.WaitForAsync(r => r.Method == "PATCH" && r.To("DE", "EMA") && r.Body.Contains(t0.AddSeconds(Sequence.Length).ToString("HH:mm:ss"), StringComparison.Ordinal)
            && answered.Contains(r), "the last state, taken", TimeSpan.FromSeconds(60));
        var taken = answered.Where(r => r.Method == "PATCH" && r.Path.EndsWith("-E1", StringComparison.Ordinal)).Select(r => r.Status()).ToList();
        Assert.Equal(Sequence, taken); // every state, in order, each taken once: never re-sent after its 2xx
        Assert.Contains(hub.Received, r => r.To("DE", "EMA") && !answered.Contains(r)); // failures happened and were retried

        var party = await Host.PartnerAsync("HUB-ORD-EMA");
        Assert.Equal("ordered", party.GetProperty("delivery_mode").GetString());
        Assert.Equal("ordered", party.GetProperty("health").GetProperty("delivery_mode").GetString());
        Assert.Equal(0, party.GetProperty("health").GetProperty("overflowed").GetInt64());
    }

    [Fact]
    public async Task A_rate_limited_party_never_gets_more_requests_per_second_than_allowed_and_ends_with_the_latest_state()
    {
        const string location = "HRL-1";
        await using var hub = await Host.RegisteredHubAsync("HUB-RATE", location);
        await Host.PutLocationAsync(location);
        await Host.AddPartyBehindAsync(hub, "HUB-RATE", location, """, "max_requests_per_second":4 """);
        await hub.WaitForAsync(r => r.Method == "PUT" && r.To("DE", "EMA"), "the Location PUT to the limited party");

        var t0 = DateTimeOffset.Parse("2026-11-04T10:00:00Z");
        for (var i = 0; i < 24; i++)
        {
            // Each EVSE alternates, so every report is a change.
            await Host.IngestAsync(location, $"{location}-E{(i % 2) + 1}", i / 2 % 2 == 0 ? "CHARGING" : "AVAILABLE", t0.AddSeconds(i + 1));
        }

        // The broadcast partner (no limit) gets the last state quickly; the limited party in time, coalesced.
        await hub.WaitForAsync(r => r.Method == "PATCH" && r.To("NL", "HUB") && r.Body.Contains("10:00:24", StringComparison.Ordinal), "the last state at the hub");
        await hub.WaitForAsync(r => r.Method == "PATCH" && r.To("DE", "EMA") && r.Body.Contains("10:00:24", StringComparison.Ordinal), "the last state at the party", TimeSpan.FromSeconds(30));

        var arrivals = hub.Received.Where(r => r.To("DE", "EMA")).Select(r => r.ReceivedAt).Order().ToList();
        foreach (var from in arrivals)
        {
            // At most the limit per second, plus the bucket (one request) and one for scheduling jitter at the mock.
            Assert.InRange(arrivals.Count(a => a >= from && a < from.AddSeconds(1)), 1, 4 + 1 + 1);
        }

        var health = (await Host.PartnerAsync("HUB-RATE-EMA")).GetProperty("health");
        Assert.Equal(4, health.GetProperty("max_requests_per_second").GetInt32());
        Assert.True(health.GetProperty("rate_limited").GetInt64() > 0);
    }
}
