using System.Net;
using System.Text;

namespace StatusGrid.Server.Tests.Ingest;

public sealed class IngestApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    private async Task PutLocationAsync(string id)
    {
        using var admin = Host.Client();
        var response = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/locations/{id}", TestLocations.Json(id));
        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Bad_items_get_their_own_errors_and_good_items_are_applied()
    {
        await PutLocationAsync("ING-1");
        using var client = Host.Client(StatusGridHost.IngestKey);
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/status", """
            {"changes":[
              {"location_id":"ING-1","evse_uid":"ING-1-E1","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"},
              {"location_id":"ING-1","evse_uid":"NO-SUCH-EVSE","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"},
              {"location_id":"ING-1","evse_uid":"ING-1-E2","status":"FLYING","observed_at":"2026-02-01T10:00:00Z"},
              {"location_id":"ING-1","evse_uid":"ING-1-E2","status":"BLOCKED","observed_at":"01/02/2026 10:00"},
              {"evse_id":"NL*SGR*EING12","status":"BLOCKED","observed_at":"2026-02-01T10:00:01Z"},
              {"evse_id":"XX*NOPE","status":"BLOCKED","observed_at":"2026-02-01T10:00:01Z"},
              {"status":"BLOCKED","observed_at":"2026-02-01T10:00:01Z"},
              {"location_id":"ING-1","evse_uid":"ING-1-E1","status":"AVAILABLE","observed_at":"2099-01-01T00:00:00Z"},
              {"location_id":"ING-1","evse_uid":"ING-1-E1","status":"AVAILABLE","observed_at":"2026-02-01T10:00:00+01:00"}
            ]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.JsonAsync();
        Assert.Equal(9, answer.GetProperty("received").GetInt32());
        Assert.Equal(2, answer.GetProperty("applied").GetInt32());
        Assert.Equal(7, answer.GetProperty("rejected").GetInt32());
        var errors = answer.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("index").GetInt32(), e => e.GetProperty("error").GetString()!);
        Assert.Equal([1, 2, 3, 5, 6, 7, 8], errors.Keys.Order());
        Assert.Contains("Unknown EVSE", errors[1], StringComparison.Ordinal);
        Assert.Contains("FLYING", errors[2], StringComparison.Ordinal);
        Assert.Contains("observed_at", errors[3], StringComparison.Ordinal);
        Assert.Contains("XX*NOPE", errors[5], StringComparison.Ordinal);
        Assert.Contains("location_id", errors[6], StringComparison.Ordinal);
        Assert.Contains("future", errors[7], StringComparison.Ordinal);
        Assert.Contains("observed_at", errors[8], StringComparison.Ordinal);

        using var admin = Host.Client();
        var location = await (await admin.GetAsync("/api/admin/locations/ING-1")).JsonAsync();
        var statuses = location.GetProperty("evses").EnumerateArray().ToDictionary(e => e.GetProperty("uid").GetString()!, e => e.GetProperty("status").GetString());
        Assert.Equal("CHARGING", statuses["ING-1-E1"]);
        Assert.Equal("BLOCKED", statuses["ING-1-E2"]);
    }

    [Fact]
    public async Task A_report_for_an_evse_its_location_dropped_is_rejected_with_how_to_bring_it_back()
    {
        using var admin = Host.Client();
        Assert.True((await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/ING-RM", TestLocations.Json("ING-RM", evses: 2))).IsSuccessStatusCode);
        Assert.True((await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/ING-RM", TestLocations.Json("ING-RM", evses: 1, lastUpdated: "2026-01-02T08:00:00Z"))).IsSuccessStatusCode);
        using var client = Host.Client(StatusGridHost.IngestKey);

        var answer = await (await client.SendJsonAsync(HttpMethod.Post, "/api/status",
            """[{"location_id":"ING-RM","evse_uid":"ING-RM-E2","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"}]""")).JsonAsync();

        Assert.Equal(1, answer.GetProperty("rejected").GetInt32());
        var error = answer.GetProperty("errors")[0].GetProperty("error").GetString()!;
        Assert.Contains("REMOVED", error, StringComparison.Ordinal);
        Assert.Contains("put the location", error, StringComparison.Ordinal);
        var location = await (await admin.GetAsync("/api/admin/locations/ING-RM")).JsonAsync();
        Assert.Equal("REMOVED", location.GetProperty("evses").EnumerateArray().Single(e => e.GetProperty("uid").GetString() == "ING-RM-E2").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Several_reports_for_one_evse_in_a_batch_end_at_the_latest()
    {
        await PutLocationAsync("ING-2");
        using var client = Host.Client(StatusGridHost.IngestKey);
        var answer = await (await client.SendJsonAsync(HttpMethod.Post, "/api/status", """
            [{"location_id":"ING-2","evse_uid":"ING-2-E1","status":"RESERVED","observed_at":"2026-02-01T10:00:03Z"},
             {"location_id":"ING-2","evse_uid":"ING-2-E1","status":"CHARGING","observed_at":"2026-02-01T10:00:01Z"},
             {"location_id":"ING-2","evse_uid":"ING-2-E1","status":"AVAILABLE","observed_at":"2026-02-01T10:00:02Z"}]
            """)).JsonAsync();
        Assert.Equal(3, answer.GetProperty("applied").GetInt32());

        using var admin = Host.Client();
        var location = await (await admin.GetAsync("/api/admin/locations/ING-2")).JsonAsync();
        var evse = location.GetProperty("evses").EnumerateArray().Single(e => e.GetProperty("uid").GetString() == "ING-2-E1");
        Assert.Equal("RESERVED", evse.GetProperty("status").GetString());
        Assert.Equal("2026-02-01T10:00:03Z", evse.GetProperty("last_updated").GetString());
    }

    [Theory]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    [InlineData("{\"changes\": 5}", HttpStatusCode.BadRequest)]
    [InlineData("\"text\"", HttpStatusCode.BadRequest)]
    public async Task Unusable_body_is_400(string body, HttpStatusCode expected)
    {
        using var client = Host.Client(StatusGridHost.IngestKey);
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/status", body);
        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.JsonAsync()).GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Too_large_batch_is_413()
    {
        var items = string.Join(",", Enumerable.Repeat("""{"evse_id":"X","status":"AVAILABLE","observed_at":"2026-02-01T10:00:00Z"}""", 10_001));
        using var client = Host.Client(StatusGridHost.IngestKey);
        var response = await client.PostAsync("/api/status", new StringContent($"[{items}]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")] // curl -d without -H 'Content-Type: application/json'
    [InlineData(null)]
    public async Task A_batch_not_sent_as_json_is_415_with_what_to_send_and_nothing_is_applied(string? contentType)
    {
        await PutLocationAsync("ING-CT");
        using var client = Host.Client(StatusGridHost.IngestKey);
        using var body = new ByteArrayContent(Encoding.UTF8.GetBytes(
            """{"changes":[{"location_id":"ING-CT","evse_uid":"ING-CT-E1","status":"OUTOFORDER","observed_at":"2026-02-01T10:00:00Z"}]}"""));
        body.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);

        var response = await client.PostAsync("/api/status", body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", (await response.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var admin = Host.Client();
        var location = await (await admin.GetAsync("/api/admin/locations/ING-CT")).JsonAsync();
        Assert.NotEqual("OUTOFORDER", location.GetProperty("evses")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Without_a_key_ingest_is_401()
    {
        using var client = Host.Client(apiKey: null);
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/status", "[]");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
