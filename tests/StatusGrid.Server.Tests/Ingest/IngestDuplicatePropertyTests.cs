using System.Net;

namespace StatusGrid.Server.Tests.Ingest;

/// <summary>
/// An item naming a property twice (<c>"status":"AVAILABLE","status":"OUTOFORDER"</c>) is an ambiguous status change:
/// it is refused as that item's error, naming the property, and never applied with a guessed value. The other items
/// go through, as for any malformed item.
/// </summary>
public sealed class IngestDuplicatePropertyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    [Fact]
    public async Task An_item_naming_status_twice_is_rejected_naming_the_property_and_the_others_are_applied()
    {
        using var admin = Host.Client();
        Assert.True((await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/DUP-1", TestLocations.Json("DUP-1"))).IsSuccessStatusCode);
        using var client = Host.Client(StatusGridHost.IngestKey);

        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/status", """
            {"changes":[
              {"location_id":"DUP-1","evse_uid":"DUP-1-E1","status":"AVAILABLE","status":"OUTOFORDER","observed_at":"2026-02-01T10:00:00Z"},
              {"location_id":"DUP-1","evse_uid":"DUP-1-E2","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z","observed_at":"2026-02-01T11:00:00Z"},
              {"location_id":"DUP-1","evse_uid":"DUP-1-E2","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"}
            ]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.JsonAsync();
        Assert.Equal(1, answer.GetProperty("applied").GetInt32());
        Assert.Equal(2, answer.GetProperty("rejected").GetInt32());
        var errors = answer.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("index").GetInt32(), e => e.GetProperty("error").GetString()!);
        Assert.Equal("status appears more than once in the item; which value is meant is ambiguous, send it once.", errors[0]);
        Assert.Equal("observed_at appears more than once in the item; which value is meant is ambiguous, send it once.", errors[1]);
        var location = await (await admin.GetAsync("/api/admin/locations/DUP-1")).JsonAsync();
        var statuses = location.GetProperty("evses").EnumerateArray().ToDictionary(e => e.GetProperty("uid").GetString()!, e => e.GetProperty("status").GetString());
        Assert.Equal("AVAILABLE", statuses["DUP-1-E1"]);
        Assert.Equal("CHARGING", statuses["DUP-1-E2"]);
    }

    [Fact]
    public async Task A_body_naming_changes_twice_is_400()
    {
        using var client = Host.Client(StatusGridHost.IngestKey);

        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/status", """{"changes":[],"changes":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("changes appears more than once in the body; which value is meant is ambiguous, send it once.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_item_with_a_property_name_that_is_not_text_is_rejected_as_the_ocpi_parsers_reject_it()
    {
        using var client = Host.Client(StatusGridHost.IngestKey);

        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/status", """
            [{"location_id":"DUP-1","evse_uid":"DUP-1-E1","status":"OUTOFORDER","observed_at":"2026-02-01T10:00:00Z","\uD800":1}]
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = Assert.Single((await response.JsonAsync()).GetProperty("errors").EnumerateArray());
        Assert.Equal("A property name in the item is not text (invalid UTF-8 or an escaped lone surrogate).", error.GetProperty("error").GetString());
    }
}
