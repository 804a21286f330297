using System.Net;
using System.Text;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.OcpiApi;

/// <summary>Item 1 (versions and details in the envelope) and item 3 (token checks) on the real host.</summary>
public sealed class OcpiVersionsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    private async Task<HttpResponseMessage> GetAsync(string path, string? authorization)
    {
        using var client = Host.Client(apiKey: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request);
    }

    private static string Base64(string token) => "Token " + Convert.ToBase64String(Encoding.UTF8.GetBytes(token));

    [Fact]
    public async Task Versions_list_every_supported_version_in_the_envelope()
    {
        var tokenA = await Host.InviteAsync("VER-1");

        using var response = await GetAsync("/ocpi/versions", Base64(tokenA));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var envelope = await response.OcpiJsonAsync();
        Assert.Equal(1000, envelope.OcpiStatus());
        var versions = envelope.GetProperty("data").EnumerateArray()
            .ToDictionary(v => v.GetProperty("version").GetString()!, v => v.GetProperty("url").GetString()!);
        Assert.Equal(["2.1.1", "2.2.1", "2.3.0"], versions.Keys);
        Assert.Equal(new Uri(Host.BaseAddress, "/ocpi/2.2.1").AbsoluteUri, versions["2.2.1"]);
        // Configuration module: no routing headers.
        Assert.False(response.Headers.Contains("OCPI-from-party-id"));
    }

    [Theory]
    [InlineData("2.2.1")]
    [InlineData("2.3.0")]
    public async Task Version_details_list_credentials_and_locations_as_sender_and_hubclientinfo_as_receiver(string version)
    {
        var tokenA = await Host.InviteAsync("VER-2-" + version);

        using var response = await GetAsync("/ocpi/" + version, Base64(tokenA));

        var data = (await response.OcpiJsonAsync()).GetProperty("data");
        Assert.Equal(version, data.GetProperty("version").GetString());
        var endpoints = data.GetProperty("endpoints").EnumerateArray().ToList();
        Assert.Equal(3, endpoints.Count);
        Assert.Contains(endpoints, e => e.GetProperty("identifier").GetString() == "hubclientinfo" && e.GetProperty("role").GetString() == "RECEIVER"
            && e.GetProperty("url").GetString() == new Uri(Host.BaseAddress, $"/ocpi/{version}/hubclientinfo").AbsoluteUri);
        Assert.Contains(endpoints, e => e.GetProperty("identifier").GetString() == "credentials" && e.GetProperty("role").GetString() == "SENDER"
            && e.GetProperty("url").GetString() == new Uri(Host.BaseAddress, $"/ocpi/{version}/credentials").AbsoluteUri);
        Assert.Contains(endpoints, e => e.GetProperty("identifier").GetString() == "locations" && e.GetProperty("role").GetString() == "SENDER"
            && e.GetProperty("url").GetString() == new Uri(Host.BaseAddress, $"/ocpi/{version}/locations").AbsoluteUri);
    }

    [Fact]
    public async Task Version_details_211_have_no_roles_and_take_the_raw_token()
    {
        var tokenA = await Host.InviteAsync("VER-3");

        using var response = await GetAsync("/ocpi/2.1.1", "Token " + tokenA);

        var endpoints = (await response.OcpiJsonAsync()).GetProperty("data").GetProperty("endpoints").EnumerateArray().ToList();
        Assert.Equal(["credentials", "locations"], endpoints.Select(e => e.GetProperty("identifier").GetString()));
        Assert.All(endpoints, e => Assert.False(e.TryGetProperty("role", out _)));
        // 2.1.1 has no message ids.
        Assert.False(response.Headers.Contains("X-Request-ID"));
    }

    [Fact]
    public async Task Unknown_version_and_unknown_path_are_404_in_the_envelope()
    {
        var tokenA = await Host.InviteAsync("VER-4");

        using var version = await GetAsync("/ocpi/2.2", Base64(tokenA));
        Assert.Equal(HttpStatusCode.NotFound, version.StatusCode);
        Assert.Equal(3002, (await version.OcpiJsonAsync()).OcpiStatus());

        using var path = await GetAsync("/ocpi/2.2.1/tariffs", Base64(tokenA));
        Assert.Equal(HttpStatusCode.NotFound, path.StatusCode);
        Assert.Equal(2000, (await path.OcpiJsonAsync()).OcpiStatus());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("Token")]
    [InlineData("Token not-a-known-token")]
    [InlineData("Token bm90LWEta25vd24tdG9rZW4=")]
    public async Task Missing_malformed_or_unknown_token_is_401_with_an_envelope(string? authorization)
    {
        foreach (var path in new[] { "/ocpi/versions", "/ocpi/2.2.1", "/ocpi/2.2.1/credentials", "/ocpi/2.2.1/locations", "/ocpi/2.1.1/locations/X" })
        {
            using var response = await GetAsync(path, authorization);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(2000, (await response.OcpiJsonAsync()).OcpiStatus());
        }
    }

    [Fact]
    public async Task Token_a_opens_versions_and_credentials_only()
    {
        var tokenA = await Host.InviteAsync("VER-5");

        foreach (var path in new[] { "/ocpi/versions", "/ocpi/2.2.1", "/ocpi/2.2.1/credentials" })
        {
            using var ok = await GetAsync(path, Base64(tokenA));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var locations = await GetAsync("/ocpi/2.2.1/locations", Base64(tokenA));
        Assert.Equal(HttpStatusCode.Unauthorized, locations.StatusCode);
        Assert.Contains("token A", (await locations.OcpiJsonAsync()).GetProperty("status_message").GetString(), StringComparison.Ordinal);
        using var location = await GetAsync("/ocpi/2.2.1/locations/ANY", Base64(tokenA));
        Assert.Equal(HttpStatusCode.Unauthorized, location.StatusCode);
    }

    [Fact]
    public async Task Header_tolerance_base64_raw_and_trailing_newline_all_identify_the_partner()
    {
        var tokenA = await Host.InviteAsync("VER-6");

        // Base64 (2.2+), the raw token (2.1.1 and many 2.2 partners), and `echo token | base64` with its newline.
        foreach (var header in new[] { Base64(tokenA), "Token " + tokenA, "Token " + Convert.ToBase64String(Encoding.UTF8.GetBytes(tokenA + "\n")), "token  " + Convert.ToBase64String(Encoding.UTF8.GetBytes(tokenA)) })
        {
            using var response = await GetAsync("/ocpi/2.2.1/credentials", header);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // GET credentials answers with the token the caller presented (decoded).
            Assert.Equal(tokenA, (await response.OcpiJsonAsync()).GetProperty("data").GetProperty("token").GetString());
        }
    }

    [Fact]
    public async Task Message_ids_are_echoed_and_created_when_missing()
    {
        var tokenA = await Host.InviteAsync("VER-7");
        using var client = Host.Client(apiKey: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ocpi/versions");
        request.Headers.TryAddWithoutValidation("Authorization", Base64(tokenA));
        request.Headers.TryAddWithoutValidation("X-Request-ID", "req-1");
        request.Headers.TryAddWithoutValidation("X-Correlation-ID", "corr-1");
        using var echoed = await client.SendAsync(request);
        Assert.Equal("req-1", echoed.Headers.GetValues("X-Request-ID").Single());
        Assert.Equal("corr-1", echoed.Headers.GetValues("X-Correlation-ID").Single());

        using var created = await GetAsync("/ocpi/versions", Base64(tokenA));
        Assert.True(Guid.TryParse(created.Headers.GetValues("X-Request-ID").Single(), out _));
    }

    [Fact]
    public async Task Admin_api_needs_the_admin_key()
    {
        foreach (var key in new[] { null, "wrong", StatusGridHost.IngestKey })
        {
            using var client = Host.Client(key);
            using var invite = await client.SendJsonAsync(HttpMethod.Post, "/api/admin/ocpi/invitations", """{"partner_id":"NOPE"}""");
            Assert.Equal(HttpStatusCode.Unauthorized, invite.StatusCode);
            using var register = await client.SendJsonAsync(HttpMethod.Post, "/api/admin/ocpi/registrations", """{"versions_url":"http://127.0.0.1:1/v","token":"x"}""");
            Assert.Equal(HttpStatusCode.Unauthorized, register.StatusCode);
        }
    }

    [Fact]
    public async Task A_database_dump_holds_no_token_a_partner_uses_to_call_us()
    {
        await using var emsp = await Host.RegisteredEmspAsync("VER-DUMP", """{"location_ids":[]}""");
        var tokenA = await Host.InviteAsync("VER-DUMP-2");

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var dump = await DatabaseDump.ReadAllTextAsync(Host);

        // The dump does hold the registrations (and the token we must present to the partner, which has to be usable)...
        Assert.Contains("VER-DUMP", dump, StringComparison.Ordinal);
        Assert.Contains(emsp.TokenItIssued!, dump, StringComparison.Ordinal);
        // ...but none of the tokens partners present to us, neither raw nor as sent in the header.
        Assert.DoesNotContain(emsp.TokenToCpo!, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(tokenA, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(tokenA)), dump, StringComparison.Ordinal);
    }
}
