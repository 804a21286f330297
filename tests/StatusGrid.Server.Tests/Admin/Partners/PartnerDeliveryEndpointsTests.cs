using System.Net;
using Microsoft.AspNetCore.Http;
using StatusGrid.Server.Tests.Cluster;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.Admin.Partners;

/// <summary>The partner admin view's delivery figures, and the resync action.</summary>
public sealed class PartnerDeliveryEndpointsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_refused_push_shows_in_the_admin_view_and_a_resync_puts_every_location_again()
    {
        await using var emsp = await MockEmsp.StartAsync();
        emsp.Respond = push => Task.FromResult<IResult?>(push.Method == "PATCH"
            ? Results.Json(new { status_code = 2001, status_message = "Invalid or missing parameters", timestamp = "2026-01-01T00:00:00Z" }, statusCode: 400)
            : null);
        await using var host = await StatusGridHost.StartAsync();
        using var admin = host.Client();
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson(emsp.LocationsUrl(), id: "RESYNC-ME"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/RY-1", TestLocations.Json("RY-1"))).StatusCode);
        await emsp.WaitForAsync(r => r.Method == "PUT", "the Location PUT");
        using var ingest = host.Client(StatusGridHost.IngestKey);
        await ingest.SendJsonAsync(HttpMethod.Post, "/api/status",
            """[{"location_id":"RY-1","evse_uid":"RY-1-E1","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"}]""");

        await Until.TrueAsync(async () =>
        {
            var view = await (await admin.GetAsync("/api/admin/partners/RESYNC-ME")).JsonAsync();
            return view.GetProperty("health").GetProperty("rejections").GetArrayLength() == 1;
        }, "the refusal in the admin view", Bound);
        var health = (await (await admin.GetAsync("/api/admin/partners/RESYNC-ME")).JsonAsync()).GetProperty("health");
        var rejection = health.GetProperty("rejections")[0];
        Assert.Equal("RY-1-E1", rejection.GetProperty("evse_uid").GetString());
        Assert.Equal(400, rejection.GetProperty("http_status").GetInt32());
        Assert.Equal(2001, rejection.GetProperty("ocpi_status_code").GetInt32());
        Assert.Equal("Invalid or missing parameters", rejection.GetProperty("message").GetString());
        Assert.False(health.GetProperty("freshness_breached").GetBoolean());
        Assert.Equal("00:01:00", health.GetProperty("freshness_objective").GetString());

        var puts = emsp.Received.Count(r => r.Method == "PUT");
        var resync = await admin.PostAsync("/api/admin/partners/RESYNC-ME/resync", null);
        Assert.Equal(HttpStatusCode.Accepted, resync.StatusCode);
        Assert.Equal(1, (await resync.JsonAsync()).GetProperty("locations_queued").GetInt32());
        await Until.TrueAsync(() => Task.FromResult(emsp.Received.Count(r => r.Method == "PUT") > puts), "the resync PUT", Bound);
    }

    [Fact]
    public async Task A_resync_of_an_unknown_partner_is_404_and_of_a_pull_only_partner_409()
    {
        await using var host = await StatusGridHost.StartAsync();
        using var admin = host.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/admin/partners/NOBODY/resync", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners",
            """{"id":"PULLER","ocpi_version":"2.2.1","token":"t","country_code":"DE","party_id":"PUL"}""")).StatusCode);
        var answer = await admin.PostAsync("/api/admin/partners/PULLER/resync", null);
        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Contains("receives no pushes", (await answer.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
