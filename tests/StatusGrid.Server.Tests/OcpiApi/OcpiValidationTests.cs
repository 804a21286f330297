using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.OcpiApi;

/// <summary>
/// Item 6: every inbound OCPI object is checked against the spec (2001 naming the field, HTTP 400 only for broken
/// JSON, never a 500); every example file is accepted by the endpoint that takes its kind of object, except the one
/// the digest marks invalid; unknown fields are tolerated.
/// </summary>
public sealed class OcpiValidationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    public static TheoryData<string, string> ValidExamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in OcpiExamples.Folders)
        {
            foreach (var file in OcpiExamples.Files(folder).Where(f => f != OcpiExamples.Invalid))
            {
                data.Add(folder, file);
            }
        }

        return data;
    }

    private static string Envelope(string data) => $$"""{"data":{{data}},"status_code":1000,"timestamp":"2026-01-01T00:00:00Z"}""";

    private string Url(string path) => new Uri(Host.BaseAddress, path).AbsoluteUri;

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public async Task Every_example_is_accepted_by_the_endpoint_for_its_kind_of_object(string folder, string file)
    {
        var json = OcpiExamples.Read(folder, file);
        var id = $"V{folder.Replace(".", "", StringComparison.Ordinal)}-{(uint)file.GetHashCode(StringComparison.Ordinal) % 100_000:D5}";
        if (file.StartsWith("location_example", StringComparison.Ordinal))
        {
            var root = JsonDocument.Parse(json).RootElement;
            var path = $"/api/admin/locations/{root.GetProperty("id").GetString()}?ocpi_version={folder}";
            if (root.GetProperty("country_code").GetString() != "NL" || root.GetProperty("party_id").GetString() != "SGR")
            {
                // Another party's Location: refused for the party alone (the file itself stays verbatim on disk), then
                // accepted once it is ours, so every other field of the example passed validation.
                await AssertRefusedForThePartyOnlyAsync(path, json);
                var ours = JsonNode.Parse(json)!;
                ours["country_code"] = "NL";
                ours["party_id"] = "SGR";
                json = ours.ToJsonString();
            }

            await AssertAdminAcceptsAsync(HttpMethod.Put, path, json);
        }
        else if (file.StartsWith("location_patch_example", StringComparison.Ordinal) || file.StartsWith("location_hours", StringComparison.Ordinal)
            || file.StartsWith("location_regularhours", StringComparison.Ordinal) || file.StartsWith("location_energymix", StringComparison.Ordinal))
        {
            await PatchExampleAsync(folder, file, json, id);
        }
        else if (file.StartsWith("credentials_example", StringComparison.Ordinal))
        {
            // Valid credentials get past validation; the example's URL cannot be reached from the test: 3001, not 2001.
            var tokenA = await Host.InviteAsync(id);
            await using var emsp = await MockEmsp.StartAsync();
            using var response = await emsp.SendToCpoAsync(HttpMethod.Post, Url($"/ocpi/{folder}/credentials"), json, token: tokenA, version: folder);
            var envelope = await response.OcpiJsonAsync();
            Assert.Equal(3001, envelope.OcpiStatus());
            // The message names which call failed, not the caller's URL (issue 11: no echo of partner-controlled input).
            Assert.Contains("versions URL", envelope.GetProperty("status_message").GetString(), StringComparison.Ordinal);
        }
        else if (file.Contains("version_info", StringComparison.Ordinal) || file.StartsWith("versions_info", StringComparison.Ordinal))
        {
            // A partner's versions list as it answers it: parsed, then its (unreachable, or not common) version is tried.
            var envelope = await RegisterWithServedAsync(folder, id, "/ocpi/emsp/versions", file.StartsWith("transport", StringComparison.Ordinal) ? json : Envelope(json));
            Assert.True(envelope.OcpiStatus() is 3001 or 3002, envelope.ToString());
            Assert.DoesNotContain("not valid OCPI", envelope.GetProperty("status_message").GetString(), StringComparison.Ordinal);
        }
        else if (file.Contains("version_details", StringComparison.Ordinal))
        {
            // A partner's version details: they list a credentials endpoint, so the registration goes through.
            var envelope = await RegisterWithServedAsync(folder, id, "/ocpi/emsp/" + folder, file.StartsWith("transport", StringComparison.Ordinal) ? json : Envelope(json));
            Assert.Equal(1000, envelope.OcpiStatus());
        }
        else
        {
            Assert.Fail($"No inbound endpoint is known for the example {file}: map it here.");
        }
    }

    [Theory]
    [InlineData("2.2.1")]
    [InlineData("2.3.0")]
    public async Task The_invalid_add_evse_example_is_rejected_naming_its_wrong_fields(string folder)
    {
        var id = "VALEVSE" + folder.Replace(".", "", StringComparison.Ordinal);
        await AssertAdminAcceptsAsync(HttpMethod.Put, $"/api/admin/locations/{id}?ocpi_version={folder}", TestLocations.Json(id));
        using var admin = Host.Client();

        using var response = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/locations/{id}/3256?ocpi_version={folder}",
            OcpiExamples.Read(folder, OcpiExamples.Invalid));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("evses[2].physical_reference: 'physical_reference' must be a string, but is a number", detail, StringComparison.Ordinal);
        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("evses[2].connectors[0].power_type", paths);
        Assert.Contains("evses[2].connectors[0].max_voltage", paths);
        Assert.DoesNotContain(paths, p => p!.Contains("floor", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"url":"http://127.0.0.1:9/v","roles":[{"role":"EMSP","business_details":{"name":"X"},"party_id":"EMS","country_code":"DE"}]}""", "token")]
    [InlineData("""{"token":"has space","url":"http://127.0.0.1:9/v","roles":[{"role":"EMSP","business_details":{"name":"X"},"party_id":"EMS","country_code":"DE"}]}""", "token")]
    [InlineData("""{"token":"t","url":"http://127.0.0.1:9/v","roles":[]}""", "roles")]
    [InlineData("""{"token":"t","url":"http://127.0.0.1:9/v","roles":[{"role":"EMSP","business_details":{"name":"X"},"party_id":"EMS","country_code":"DEU"}]}""", "roles[0].country_code")]
    [InlineData("""{"token":"t","url":"http://127.0.0.1:9/v","roles":[{"role":"SUPERHERO","business_details":{"name":"X"},"party_id":"EMS","country_code":"DE"}]}""", "roles[0].role")]
    [InlineData("""{"token":"t","url":"http://127.0.0.1:9/v","roles":[{"role":"EMSP","party_id":"EMS","country_code":"DE"}]}""", "roles[0].business_details")]
    [InlineData("""{"token":"t","url":"http://127.0.0.1:9/v","hub_party_id":"NLHUB","roles":[{"role":"EMSP","business_details":{"name":"X"},"party_id":"EMS","country_code":"DE"}]}""", "hub_party_id")]
    [InlineData("""{"token":"t","url":17,"roles":[{"role":"EMSP","business_details":{"name":"X"},"party_id":"EMS","country_code":"DE"}]}""", "url")]
    public async Task Invalid_credentials_are_2001_naming_the_field(string body, string field)
    {
        var tokenA = await Host.InviteAsync("VAL-C-" + Math.Abs(body.GetHashCode(StringComparison.Ordinal)));
        await using var emsp = await MockEmsp.StartAsync();

        using var response = await emsp.SendToCpoAsync(HttpMethod.Post, Url("/ocpi/2.2.1/credentials"), body, token: tokenA, version: "2.2.1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var envelope = await response.OcpiJsonAsync();
        Assert.Equal(2001, envelope.OcpiStatus());
        Assert.Contains(field + ":", envelope.GetProperty("status_message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_211_credentials_name_the_flat_field()
    {
        var tokenA = await Host.InviteAsync("VAL-C211");
        await using var emsp = await MockEmsp.StartAsync();

        using var response = await emsp.SendToCpoAsync(HttpMethod.Post, Url("/ocpi/2.1.1/credentials"),
            """{"token":"t","url":"http://127.0.0.1:9/v","business_details":{"name":"X"},"country_code":"DE"}""", token: tokenA, version: "2.1.1");

        var envelope = await response.OcpiJsonAsync();
        Assert.Equal(2001, envelope.OcpiStatus());
        Assert.Contains("party_id:", envelope.GetProperty("status_message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_fields_are_tolerated()
    {
        await using var emsp = await MockEmsp.StartAsync();
        var tokenA = await Host.InviteAsync("VAL-U1");
        var tokenForUs = emsp.IssueTokenA();
        var body = $$"""
            {"token":"{{tokenForUs}}","url":"{{emsp.VersionsUrl}}","x_vendor":{"anything":[1,2]},
             "roles":[{"role":"EMSP","business_details":{"name":"X","slogan":"new"},"party_id":"EMS","country_code":"DE","since":2020}]}
            """;

        using var response = await emsp.SendToCpoAsync(HttpMethod.Post, Url("/ocpi/2.2.1/credentials"), body, token: tokenA, version: "2.2.1");

        Assert.Equal(1000, (await response.OcpiJsonAsync()).OcpiStatus());
        using var admin = Host.Client();
        using var location = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/VAL-U2",
            TestLocations.Json("VAL-U2").Replace("\"time_zone\"", "\"x_vendor_rating\":5,\"time_zone\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Created, location.StatusCode);
    }

    [Fact]
    public async Task A_partner_answer_that_is_not_valid_ocpi_is_3001_naming_the_field()
    {
        await using var emsp = await MockEmsp.StartAsync();
        emsp.RawBodies["/ocpi/emsp/versions"] = Envelope("""[{"version":"2.2.1"}]""");

        using var response = await Host.RegisterWithAsync(emsp, "VAL-P1");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal(3001, problem.GetProperty("ocpi_status_code").GetInt32());
        Assert.Contains("[0].url", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> HostileBodies() =>
    [
        "",
        "null",
        "[]",
        "\"token\"",
        "{\"token\":{}}",
        "{\"token\":\"t\",\"url\":\"u\",\"roles\":[null]}",
        "{\"token\":\"t\",\"url\":\"u\",\"roles\":{\"role\":\"EMSP\"}}",
        new string('[', 5000) + new string(']', 5000),
        "{\"token\":\"" + new string('x', 100_000) + "\"}",
        "{\"token\":\"\\ud800\",\"url\":\"\\u0000\"}",
        "{\"token\":1e999}",
        "{\"a\":1,\"a\":2}",
    ];

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task Hostile_bodies_never_cause_a_server_error(string body)
    {
        var tokenA = await Host.InviteAsync("VAL-H-" + Math.Abs(body.GetHashCode(StringComparison.Ordinal)));
        await using var emsp = await MockEmsp.StartAsync();

        foreach (var version in new[] { "2.1.1", "2.2.1", "2.3.0" })
        {
            using var response = await emsp.SendToCpoAsync(HttpMethod.Post, Url($"/ocpi/{version}/credentials"), body, token: tokenA, version: version);
            Assert.True((int)response.StatusCode < 500, $"HTTP {(int)response.StatusCode} for {body[..Math.Min(body.Length, 40)]}");
            var envelope = await response.OcpiJsonAsync();
            Assert.Equal(2001, envelope.OcpiStatus());
            Assert.Equal(envelope.GetProperty("status_message").GetString()!.StartsWith("The body is not valid JSON", StringComparison.Ordinal) ? HttpStatusCode.BadRequest : HttpStatusCode.OK,
                response.StatusCode);
        }
    }

    [Fact]
    public async Task Invalid_utf8_is_400_with_an_envelope()
    {
        var tokenA = await Host.InviteAsync("VAL-UTF8");
        using var client = Host.Client(apiKey: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ocpi/2.2.1/credentials")
        {
            Content = new ByteArrayContent([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Token " + Convert.ToBase64String(Encoding.UTF8.GetBytes(tokenA)));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(2001, (await response.OcpiJsonAsync()).OcpiStatus());
    }

    [Fact]
    public async Task Admin_patches_are_validated_as_part_of_the_whole_location()
    {
        await AssertAdminAcceptsAsync(HttpMethod.Put, "/api/admin/locations/VAL-A1", TestLocations.Json("VAL-A1"));
        using var admin = Host.Client();

        using var badStatus = await admin.SendJsonAsync(HttpMethod.Patch, "/api/admin/locations/VAL-A1/VAL-A1-E1", """{"status":"BROKEN"}""");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Contains("evses[0].status", (await badStatus.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var array = await admin.SendJsonAsync(HttpMethod.Patch, "/api/admin/locations/VAL-A1", """{"evses":[]}""");
        Assert.Equal(HttpStatusCode.BadRequest, array.StatusCode);

        using var id = await admin.SendJsonAsync(HttpMethod.Patch, "/api/admin/locations/VAL-A1", """{"id":"OTHER"}""");
        Assert.Equal(HttpStatusCode.BadRequest, id.StatusCode);

        using var unknown = await admin.SendJsonAsync(HttpMethod.Patch, "/api/admin/locations/VAL-A1/NOPE", """{"status":"AVAILABLE"}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        using var version = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/VAL-A1?ocpi_version=2.1.1", TestLocations.Json("VAL-A1"));
        Assert.Equal(HttpStatusCode.BadRequest, version.StatusCode);

        // The refusal quotes a short prefix of the value, not all of it.
        using var longVersion = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/locations/VAL-A1?ocpi_version={new string('9', 3000)}", TestLocations.Json("VAL-A1"));
        Assert.Equal(HttpStatusCode.BadRequest, longVersion.StatusCode);
        Assert.DoesNotContain(new string('9', 100), await longVersion.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task AssertAdminAcceptsAsync(HttpMethod method, string path, string json)
    {
        using var admin = Host.Client();
        using var response = await admin.SendJsonAsync(method, path, json);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task AssertRefusedForThePartyOnlyAsync(string path, string json)
    {
        using var admin = Host.Client();
        using var response = await admin.SendJsonAsync(HttpMethod.Put, path, json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var paths = (await response.JsonAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.True(p is "country_code" or "party_id", p));
    }

    private async Task PatchExampleAsync(string folder, string file, string json, string id)
    {
        await AssertAdminAcceptsAsync(HttpMethod.Put, $"/api/admin/locations/{id}", TestLocations.Json(id));
        var path = file switch
        {
            "location_patch_example_status.json" or "location_patch_example_remove_evse.json" => $"/api/admin/locations/{id}/{id}-E1",
            "location_patch_example_tariff.json" => $"/api/admin/locations/{id}/{id}-E1/1",
            _ => $"/api/admin/locations/{id}",
        };

        // A bare Hours object is what a Location's opening_times holds.
        var body = file.StartsWith("location_hours", StringComparison.Ordinal) ? $$"""{"opening_times":{{json}}}""" : json;
        await AssertAdminAcceptsAsync(HttpMethod.Patch, path + "?ocpi_version=" + folder, body);
    }

    /// <summary>The mock serves <paramref name="body"/> at <paramref name="path"/> and registers with us over <paramref name="folder"/>.</summary>
    private async Task<JsonElement> RegisterWithServedAsync(string folder, string id, string path, string body)
    {
        await using var emsp = await MockEmsp.StartAsync();
        emsp.Versions = [folder];
        emsp.RawBodies[path] = body;
        var tokenA = await Host.InviteAsync(id);
        var (_, envelope) = await emsp.TryRegisterWithAsync(Host.VersionsUrl(), tokenA, folder);
        if (envelope.OcpiStatus() == 1000)
        {
            using var unregister = await emsp.SendToCpoAsync(HttpMethod.Delete, emsp.CpoCredentialsUrl!);
        }

        return envelope;
    }
}
