using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests;

/// <summary>The whole path: ingest → durable → OCPI PATCH at a real eMSP on loopback and a SignalR client message.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task Ingested_change_reaches_the_partner_as_ocpi_patch_and_the_browser_over_signalr()
    {
        await using var emsp = await MockEmsp.StartAsync();
        await using var host = await StatusGridHost.StartAsync();
        using var admin = host.Client();

        var partner = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson(emsp.LocationsUrl(), token: "secret-b"));
        Assert.Equal(HttpStatusCode.Created, partner.StatusCode);
        var put = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/E2E-1", TestLocations.Json("E2E-1"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var locationPut = await emsp.WaitForAsync(r => r.Method == "PUT", "the Location PUT");
        Assert.Equal("NL/SGR/E2E-1", locationPut.Path);

        // As a browser: the map shows the location first (the put reaches the map on its own schedule; a change
        // committed before the map re-read the location arrives inside that re-read, not as a statusChanged item).
        await Dashboard.DashboardHubTests.Until(admin, "/api/dashboard/snapshot?bbox=5.0,52.0,5.25,52.15&zoom=13", body => body.Contains("E2E-1", StringComparison.Ordinal));

        var received = Channel.CreateUnbounded<JsonElement>();
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(host.BaseAddress, "/hubs/status")).Build();
        hub.On<JsonElement>("statusChanged", items =>
        {
            foreach (var item in items.EnumerateArray())
            {
                received.Writer.TryWrite(item);
            }
        });
        await hub.StartAsync();
        // Browsers watch the tiles of their viewport: this one holds Utrecht, where the test location is.
        await hub.InvokeAsync<JsonElement>("Watch", 5.0, 52.0, 5.25, 52.15, 13);

        using var ingest = host.Client(StatusGridHost.IngestKey);
        var response = await ingest.SendJsonAsync(HttpMethod.Post, "/api/status",
            """{"changes":[{"location_id":"E2E-1","evse_uid":"E2E-1-E2","status":"CHARGING","observed_at":"2026-02-01T10:00:00.250Z"}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.JsonAsync();
        Assert.Equal(1, answer.GetProperty("applied").GetInt32());

        var patch = await emsp.WaitForAsync(r => r.Method == "PATCH", "the EVSE PATCH");
        Assert.Equal("/ocpi/emsp/2.2.1/locations/NL/SGR/E2E-1/E2E-1-E2", patch.Url);
        Assert.Equal("""{"status":"CHARGING","last_updated":"2026-02-01T10:00:00.250Z"}""", patch.Body);
        Assert.Equal("Token " + Convert.ToBase64String(Encoding.UTF8.GetBytes("secret-b")), patch.Headers["Authorization"]);
        Assert.StartsWith("application/json", patch.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.True(Guid.TryParse(patch.Headers["X-Request-ID"], out _));
        Assert.True(Guid.TryParse(patch.Headers["X-Correlation-ID"], out _));
        Assert.Equal("NL", patch.Headers["OCPI-from-country-code"]);
        Assert.Equal("SGR", patch.Headers["OCPI-from-party-id"]);
        Assert.Equal("DE", patch.Headers["OCPI-to-country-code"]);
        Assert.Equal("EMS", patch.Headers["OCPI-to-party-id"]);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        JsonElement message;
        do
        {
            message = await received.Reader.ReadAsync(timeout.Token);
        }
        while (message.GetProperty("evse_uid").GetString() != "E2E-1-E2" || message.GetProperty("status").GetString() != "CHARGING");

        Assert.Equal("E2E-1", message.GetProperty("location_id").GetString());
        Assert.Equal("2026-02-01T10:00:00.250Z", message.GetProperty("last_updated").GetString());
        Assert.Equal(4, message.EnumerateObject().Count());
    }
}
