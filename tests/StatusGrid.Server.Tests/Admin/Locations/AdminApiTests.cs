using System.Net;

namespace StatusGrid.Server.Tests.Admin.Locations;

public sealed class AdminApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    [Fact]
    public async Task Without_the_admin_key_the_answer_is_401()
    {
        using var anonymous = Host.Client(apiKey: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/A-0", TestLocations.Json("A-0"))).StatusCode);
        using var ingestKey = Host.Client(StatusGridHost.IngestKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ingestKey.GetAsync("/api/admin/partners")).StatusCode);
        using var wrong = Host.Client("nope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/admin/partners")).StatusCode);
    }

    [Fact]
    public async Task Invalid_json_is_400()
    {
        using var admin = Host.Client();
        var response = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/A-1", """{"id": "A-1", """);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON", (await response.JsonAsync()).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Location_missing_a_required_field_is_400_naming_it_and_not_stored()
    {
        using var admin = Host.Client();
        var json = TestLocations.Json("A-2").Replace("\"city\":\"Utrecht\",", "", StringComparison.Ordinal);
        var response = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/A-2", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("path").GetString() == "city");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/locations/A-2")).StatusCode);
    }

    [Fact]
    public async Task Nested_error_names_its_path()
    {
        using var admin = Host.Client();
        var json = TestLocations.Json("A-3").Replace("\"power_type\":\"AC_3_PHASE\"", "\"power_type\":\"PLASMA\"", StringComparison.Ordinal);
        var problem = await (await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/A-3", json)).JsonAsync();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("path").GetString() == "evses[0].connectors[0].power_type");
    }

    [Fact]
    public async Task Id_in_body_must_match_the_url()
    {
        using var admin = Host.Client();
        var response = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/OTHER", TestLocations.Json("A-4"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.JsonAsync()).GetProperty("errors").EnumerateArray(), e => e.GetProperty("path").GetString() == "id");
    }

    [Theory]
    [InlineData("PATCH", "", """{"name":"a","name":"b"}""", "name")]
    [InlineData("PATCH", "/A-DUP-E1", """{"status":"AVAILABLE","status":"CHARGING"}""", "status")]
    [InlineData("PUT", "/A-DUP-E3", """{"uid":"A-DUP-E3","uid":"A-DUP-E3","status":"AVAILABLE"}""", "uid")]
    [InlineData("PUT", "/A-DUP-E1/2", """{"id":"2","standard":"IEC_62196_T2","power_type":"AC_3_PHASE","power_type":"DC"}""", "power_type")]
    public async Task A_duplicate_key_in_a_part_edit_is_a_400_naming_the_key_and_changes_nothing(string method, string part, string body, string key)
    {
        using var admin = Host.Client();
        Assert.True((await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/A-DUP", TestLocations.Json("A-DUP"))).IsSuccessStatusCode);
        var before = await admin.GetStringAsync("/api/admin/locations/A-DUP");

        using var response = await admin.SendJsonAsync(new HttpMethod(method), "/api/admin/locations/A-DUP" + part, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"'{key}'", (await response.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await admin.GetStringAsync("/api/admin/locations/A-DUP"));
    }

    [Fact]
    public async Task Import_with_one_invalid_location_stores_nothing()
    {
        using var admin = Host.Client();
        var invalid = TestLocations.Json("IMP-2").Replace("\"time_zone\":\"Europe/Amsterdam\",", "", StringComparison.Ordinal);
        var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/locations/import", $"[{TestLocations.Json("IMP-1")},{invalid}]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.JsonAsync()).GetProperty("errors").EnumerateArray(), e => e.GetProperty("path").GetString() == "[1].time_zone");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/locations/IMP-1")).StatusCode);
    }

    [Fact]
    public async Task Import_cut_off_after_valid_locations_is_a_400_naming_the_syntax_error_and_stores_nothing()
    {
        using var admin = Host.Client();
        var body = $"[{TestLocations.Json("IMP-5")},{TestLocations.Json("IMP-6")},{TestLocations.Json("IMP-7")}";
        var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/locations/import", body[..^40]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.JsonAsync()).GetProperty("errors").EnumerateArray());
        Assert.StartsWith("invalid JSON at line 1", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/locations/IMP-5")).StatusCode);
    }

    [Fact]
    public async Task Import_of_valid_locations_stores_all_of_them()
    {
        using var admin = Host.Client();
        var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/locations/import", $"[{TestLocations.Json("IMP-3")},{TestLocations.Json("IMP-4", evses: 3)}]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.JsonAsync()).GetProperty("created").GetInt32());
        var location = await (await admin.GetAsync("/api/admin/locations/IMP-4")).JsonAsync();
        Assert.Equal(3, location.GetProperty("evses").GetArrayLength());
    }

    [Fact]
    public async Task A_location_of_another_party_is_400_naming_our_party_and_not_stored()
    {
        // Partners are told (credentials roles) that we are NL/SGR; a Location under DE/ABC would be pushed to
        // /locations/DE/ABC/..., which a strict eMSP refuses or files under a party we are not.
        using var admin = Host.Client();
        var foreign = TestLocations.Json("PARTY-1").Replace("\"party_id\":\"SGR\"", "\"party_id\":\"ABC\"", StringComparison.Ordinal);
        Assert.Contains("\"party_id\":\"ABC\"", foreign, StringComparison.Ordinal);

        using var response = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/PARTY-1", foreign);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.JsonAsync()).GetProperty("errors").EnumerateArray());
        Assert.Equal("party_id", error.GetProperty("path").GetString());
        Assert.Contains("StatusGrid:Ocpi:PartyId", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/locations/PARTY-1")).StatusCode);
    }

    [Fact]
    public async Task An_import_with_a_location_of_another_country_stores_nothing()
    {
        using var admin = Host.Client();
        var foreign = TestLocations.Json("PARTY-3").Replace("\"country_code\":\"NL\"", "\"country_code\":\"DE\"", StringComparison.Ordinal);
        Assert.Contains("\"country_code\":\"DE\"", foreign, StringComparison.Ordinal);

        using var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/locations/import", $"[{TestLocations.Json("PARTY-2")},{foreign}]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.JsonAsync()).GetProperty("errors").EnumerateArray());
        Assert.Equal("[1].country_code", error.GetProperty("path").GetString());
        Assert.Contains("StatusGrid:Ocpi:CountryCode", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/locations/PARTY-2")).StatusCode);
    }

    [Fact]
    public async Task Invalid_partner_is_400_naming_the_fields()
    {
        using var admin = Host.Client();
        var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners",
            """{"ocpi_version":"9.9","locations_url":"ftp://x","token":"has space","country_code":"DEU","party_id":"E"}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var paths = (await response.JsonAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "ocpi_version", "locations_url", "token", "country_code", "party_id" }, paths);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", "[1,2")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", """{"token": 5}""")).StatusCode);
    }

    [Fact]
    public async Task Partner_lifecycle_never_echoes_the_token()
    {
        using var admin = Host.Client();
        var created = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson("http://127.0.0.1:9/x", id: "LIFE", token: "very-secret"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain("very-secret", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("LIFE", await admin.GetStringAsync("/api/admin/partners"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/admin/partners/LIFE")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/partners/LIFE")).StatusCode);
    }
}
