using System.Net;
using Microsoft.AspNetCore.Http;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.Admin.Partners;

/// <summary>An operator sees a partner's trouble: per-partner health in the admin API and push metrics on /metrics.</summary>
public sealed class PartnerVisibilityTests
{
    [Fact]
    public async Task Failing_partner_shows_in_admin_health_and_metrics_then_recovers()
    {
        await using var emsp = await MockEmsp.StartAsync();
        var failing = true;
        emsp.Respond = push => Task.FromResult<IResult?>(push.Method == "PATCH" && Volatile.Read(ref failing)
            ? Results.Json(new { status_code = 3000, status_message = "backend down", timestamp = "2026-01-01T00:00:00Z" })
            : null);
        await using var host = await StatusGridHost.StartAsync();
        using var admin = host.Client();
        await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/VIS-1", TestLocations.Json("VIS-1"));
        await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson(emsp.LocationsUrl(), id: "VIS"));
        await emsp.WaitForAsync(r => r.Method == "PUT", "the Location PUT");

        await admin.SendJsonAsync(HttpMethod.Post, "/api/status",
            """[{"location_id":"VIS-1","evse_uid":"VIS-1-E1","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"}]""");
        await emsp.WaitForAsync(r => r.Method == "PATCH", "a PATCH attempt");

        var health = await PollHealthAsync(admin, h => h.GetProperty("failures_by_kind").TryGetProperty("ocpi_3000", out _));
        Assert.Contains("backend down", health.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.True(health.GetProperty("queue_depth").GetInt32() + health.GetProperty("in_flight").GetInt32() >= 1);

        var metrics = await admin.GetStringAsync("/metrics");
        Assert.Contains("statusgrid_push_failures", metrics, StringComparison.Ordinal);
        Assert.Contains("partner=\"VIS\"", metrics, StringComparison.Ordinal);
        Assert.Contains("kind=\"ocpi_3000\"", metrics, StringComparison.Ordinal);

        Volatile.Write(ref failing, false);
        health = await PollHealthAsync(admin, h => h.GetProperty("queue_depth").GetInt32() == 0 && h.GetProperty("in_flight").GetInt32() == 0
            && h.GetProperty("successes").GetInt64() >= 2);
        Assert.Equal("Closed", health.GetProperty("circuit_state").GetString());
        Assert.True(health.GetProperty("push_latency_p99_ms").GetDouble() >= 0);
        var last = emsp.Received.Last(r => r.Method == "PATCH");
        Assert.Contains("CHARGING", last.Body, StringComparison.Ordinal);
    }

    private static async Task<System.Text.Json.JsonElement> PollHealthAsync(HttpClient admin, Func<System.Text.Json.JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var response = await admin.GetAsync("/api/admin/partners/VIS");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var health = (await response.JsonAsync()).GetProperty("health");
            if (done(health))
            {
                return health;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"partner health never matched: {health}");
            }

            await Task.Delay(100);
        }
    }
}
