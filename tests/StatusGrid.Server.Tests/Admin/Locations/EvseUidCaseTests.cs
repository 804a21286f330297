using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace StatusGrid.Server.Tests.Admin.Locations;

/// <summary>
/// EVSE uids are CiStrings like Location ids (the EVSE grain key is upper-cased): a uid in another case names the
/// stored EVSE. It keeps its stored spelling, so there is one EVSE, one status row, and partners keep getting PATCHes
/// under the uid they were sent; a document naming one EVSE twice is refused.
/// </summary>
public sealed class EvseUidCaseTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    [Fact]
    public async Task A_put_naming_a_stored_evse_in_another_case_updates_it_under_its_stored_uid()
    {
        using var admin = Host.Client();
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/UC-Put", TestLocations.Json("UC-Put"))).StatusCode);
        var edited = TestLocations.Json("UC-Put", lastUpdated: "2026-01-01T09:00:00Z")
            .Replace("\"uid\":\"UC-Put-E1\"", "\"uid\":\"uc-put-e1\"", StringComparison.Ordinal)
            .Replace("\"status\":\"AVAILABLE\"", "\"status\":\"OUTOFORDER\"", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/UC-Put", edited)).StatusCode);

        var evses = await EvsesAsync(admin, "UC-Put");
        Assert.Equal(["UC-Put-E1", "UC-Put-E2"], evses.Select(e => e.GetProperty("uid").GetString()));
        Assert.All(evses, e => Assert.Equal("OUTOFORDER", e.GetProperty("status").GetString()));
        Assert.Equal(["UC-Put-E1", "UC-Put-E2"], await StatusRowsAsync("UC-Put"));
    }

    [Fact]
    public async Task A_status_report_naming_the_evse_in_another_case_applies_to_the_stored_evse()
    {
        using var admin = Host.Client();
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/UC-Ing", TestLocations.Json("UC-Ing"))).StatusCode);
        using var ingest = Host.Client(StatusGridHost.IngestKey);

        using var response = await ingest.SendJsonAsync(HttpMethod.Post, "/api/status", """
            {"changes":[
              {"location_id":"uc-ing","evse_uid":"uc-ing-e1","status":"CHARGING","observed_at":"2026-01-01T10:00:00Z"},
              {"evse_id":"nl*sgr*eucing2","status":"BLOCKED","observed_at":"2026-01-01T10:00:00Z"}]}
            """);

        Assert.Equal(2, (await response.JsonAsync()).GetProperty("applied").GetInt32());
        var evses = await EvsesAsync(admin, "UC-Ing");
        Assert.Equal(["UC-Ing-E1", "UC-Ing-E2"], evses.Select(e => e.GetProperty("uid").GetString()));
        Assert.Equal(["CHARGING", "BLOCKED"], evses.Select(e => e.GetProperty("status").GetString()));
        Assert.Equal(["UC-Ing-E1", "UC-Ing-E2"], await StatusRowsAsync("UC-Ing"));
    }

    [Fact]
    public async Task A_patch_of_an_evse_addressed_in_another_case_edits_the_stored_evse()
    {
        using var admin = Host.Client();
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/UC-Pat", TestLocations.Json("UC-Pat"))).StatusCode);

        using var patch = await admin.SendJsonAsync(HttpMethod.Patch, "/api/admin/locations/UC-Pat/uc-pat-e1", """{"uid":"uc-pat-e1","status":"OUTOFORDER"}""");

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var evses = await EvsesAsync(admin, "UC-Pat");
        Assert.Equal(["UC-Pat-E1", "UC-Pat-E2"], evses.Select(e => e.GetProperty("uid").GetString()));
        Assert.Equal(["OUTOFORDER", "AVAILABLE"], evses.Select(e => e.GetProperty("status").GetString()));
        Assert.Equal(["UC-Pat-E1", "UC-Pat-E2"], await StatusRowsAsync("UC-Pat"));
    }

    [Theory]
    [InlineData("UC-Pev", "/uc-pev-e1", """{"uid":"uc-pev-e1","evse_id":"NL*SGR*EUCPev1","status":"BLOCKED","last_updated":"2026-01-01T09:00:00Z","connectors":[{"id":"1","standard":"IEC_62196_T2","format":"CABLE","power_type":"AC_3_PHASE","max_voltage":400,"max_amperage":32,"last_updated":"2026-01-01T09:00:00Z"}]}""")]
    [InlineData("UC-Pco", "/uc-pco-e1/1", """{"id":"1","standard":"IEC_62196_T2","format":"CABLE","power_type":"AC_3_PHASE","max_voltage":400,"max_amperage":32,"last_updated":"2026-01-01T09:00:00Z"}""")]
    public async Task A_put_of_an_evse_or_connector_addressed_in_another_case_replaces_the_stored_one(string locationId, string part, string body)
    {
        using var admin = Host.Client();
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/locations/{locationId}", TestLocations.Json(locationId))).StatusCode);

        using var put = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/locations/{locationId}{part}", body);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode); // replaced, not Created
        var evses = await EvsesAsync(admin, locationId);
        Assert.Equal([$"{locationId}-E1", $"{locationId}-E2"], evses.Select(e => e.GetProperty("uid").GetString()));
        Assert.Equal([$"{locationId}-E1", $"{locationId}-E2"], await StatusRowsAsync(locationId));
        Assert.Single(evses[0].GetProperty("connectors").EnumerateArray());
    }

    [Fact]
    public async Task A_location_naming_two_evses_differing_only_in_case_is_refused()
    {
        using var admin = Host.Client();
        var twins = TestLocations.Json("UC-Twin").Replace("\"uid\":\"UC-Twin-E2\"", "\"uid\":\"uc-twin-e1\"", StringComparison.Ordinal);

        using var put = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/UC-Twin", twins);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var error = Assert.Single((await put.JsonAsync()).GetProperty("errors").EnumerateArray());
        Assert.Equal("evses[1].uid", error.GetProperty("path").GetString());
    }

    private static async Task<List<JsonElement>> EvsesAsync(HttpClient admin, string locationId)
    {
        using var response = await admin.GetAsync($"/api/admin/locations/{locationId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync()).GetProperty("evses").EnumerateArray()];
    }

    /// <summary>The uids the status table holds for the Location: one row per EVSE, in its stored spelling.</summary>
    private async Task<List<string>> StatusRowsAsync(string locationId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(Host.DataDirectory, "statusgrid.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT evse_uid FROM evse_status WHERE upper(location_id) = upper(@id) ORDER BY evse_uid;";
        command.Parameters.AddWithValue("@id", locationId);
        using var reader = await command.ExecuteReaderAsync();
        var uids = new List<string>();
        while (await reader.ReadAsync())
        {
            uids.Add(reader.GetString(0));
        }

        return uids;
    }
}
