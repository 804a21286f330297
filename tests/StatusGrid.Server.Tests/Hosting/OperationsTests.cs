using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.Hosting;

/// <summary>Health, tracing and the Orleans Dashboard, on hosts of their own (one of them loses its database).</summary>
public sealed class OperationsTests
{
    [Fact]
    public async Task Ready_fails_when_the_database_is_unreachable_while_live_still_answers()
    {
        await using var host = await StatusGridHost.StartAsync();
        using var client = host.Client(apiKey: null);
        using (var ready = await client.GetAsync("/healthz/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Contains("Active", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var moved = host.DataDirectory + "-moved";
        Directory.Move(host.DataDirectory, moved);
        try
        {
            using var ready = await client.GetAsync("/healthz/ready");
            var body = await ready.JsonAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var database = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "database");
            Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
            using var alias = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, alias.StatusCode);
            using var live = await client.GetAsync("/healthz/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            Directory.Move(moved, host.DataDirectory);
        }
    }

    [Fact]
    public async Task A_push_carries_the_trace_of_the_ingest_request_to_the_partner()
    {
        await using var emsp = await MockEmsp.StartAsync();
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string> { ["StatusGrid:Telemetry:Tracing"] = "true" });
        using var admin = host.Client();
        await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/TR-1", TestLocations.Json("TR-1"));
        await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson(emsp.LocationsUrl(), id: "TRACE"));
        await emsp.WaitForAsync(r => r.Method == "PUT", "the Location PUT");

        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var ingest = new HttpRequestMessage(HttpMethod.Post, "/api/status")
        {
            Content = new StringContent("""[{"location_id":"TR-1","evse_uid":"TR-1-E1","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"}]""",
                Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        // The caller's span: this process's HttpClient sends it as traceparent (set by hand, an instrumented
        // HttpClient would add a second one of its own).
        using (new System.Diagnostics.Activity("csms report")
            .SetParentId(System.Diagnostics.ActivityTraceId.CreateFromString(traceId), System.Diagnostics.ActivitySpanId.CreateRandom(), System.Diagnostics.ActivityTraceFlags.Recorded)
            .Start())
        using (var answer = await admin.SendAsync(ingest))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        var patch = await emsp.WaitForAsync(r => r.Method == "PATCH", "the PATCH");
        var header = patch.Headers.FirstOrDefault(h => h.Key.Equals("traceparent", StringComparison.OrdinalIgnoreCase)).Value;
        Assert.NotNull(header);
        Assert.Equal(traceId, header.Split('-')[1]);
    }

    [Fact]
    public async Task The_orleans_dashboard_needs_the_admin_key_and_a_browser_can_give_it_as_basic_auth()
    {
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string> { ["StatusGrid:OrleansDashboard:Enabled"] = "true" });
        using var anonymous = host.Client(apiKey: null);
        using (var refused = await anonymous.GetAsync("/orleans-dashboard/"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("Basic", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        using var ingestKey = host.Client(StatusGridHost.IngestKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ingestKey.GetAsync("/orleans-dashboard/")).StatusCode);

        using var browser = host.Client(apiKey: null);
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + StatusGridHost.AdminKey)));
        using var page = await browser.GetAsync("/orleans-dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_orleans_dashboard_is_off_unless_enabled_and_the_admin_index_says_so()
    {
        await using var host = await StatusGridHost.StartAsync();
        using var admin = host.Client(StatusGridHost.AdminKey);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/orleans-dashboard/")).StatusCode);
        using var index = JsonDocument.Parse(await admin.GetStringAsync("/api/admin"));
        Assert.False(index.RootElement.TryGetProperty("orleans_dashboard", out _));
        Assert.Equal("/openapi/v1.json", index.RootElement.GetProperty("open_api").GetString());
    }
}
