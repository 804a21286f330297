using System.Net;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.OcpiApi;

/// <summary>Item 2, direction (b): we register with a partner from its versions URL and token A (admin API).</summary>
public sealed class OcpiOutboundRegistrationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    [Fact]
    public async Task We_register_with_the_highest_common_version_and_push_with_the_token_it_returned()
    {
        await using var emsp = await MockEmsp.StartAsync();
        emsp.Versions = ["2.1.1", "2.2.1", "2.3.0"];

        using var response = await Host.RegisterWithAsync(emsp, "OUT-1", """{"location_ids":["OUT-1-L"]}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var registration = await response.JsonAsync();
        Assert.Equal("registered", registration.GetProperty("status").GetString());
        Assert.Equal("we_register", registration.GetProperty("direction").GetString());
        Assert.Equal("2.3.0", registration.GetProperty("ocpi_version").GetString());
        Assert.Equal(emsp.LocationsUrl("2.3.0"), registration.GetProperty("locations_url").GetString());

        // The mock called our versions and details back with our token B during our POST, and gave us its token C.
        Assert.True(emsp.Registered);
        Assert.Equal("2.3.0", emsp.Version);
        Assert.Equal(("NL", "SGR"), emsp.CpoParty);
        Assert.Equal(new Uri(Host.BaseAddress, "/ocpi/2.3.0/locations").AbsoluteUri, emsp.CpoLocationsUrl);

        // Pushes use token C, and the partner may pull with token B.
        using var admin = Host.Client();
        using var put = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/OUT-1-L", TestLocations.Json("OUT-1-L"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        await emsp.WaitForAsync(r => r.Method == "PUT" && r.Path == "NL/SGR/OUT-1-L", "the Location PUT");
        emsp.AssertPushesConform();
        var pulled = await emsp.PullAllLocationsAsync();
        Assert.Equal(["OUT-1-L"], pulled.Ids);
        Assert.Empty(pulled.Problems);
    }

    [Fact]
    public async Task Unreachable_partner_is_3001_and_nothing_is_stored()
    {
        await using var emsp = await MockEmsp.StartAsync();
        emsp.VersionsFailure = 500;

        using var response = await Host.RegisterWithAsync(emsp, "OUT-2");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(3001, (await response.JsonAsync()).GetProperty("ocpi_status_code").GetInt32());
        using var admin = Host.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/ocpi/registrations/OUT-2")).StatusCode);
    }

    [Fact]
    public async Task Partner_without_a_credentials_endpoint_is_3003_and_we_do_not_post()
    {
        await using var emsp = await MockEmsp.StartAsync();
        emsp.ExposeCredentials = false;

        using var response = await Host.RegisterWithAsync(emsp, "OUT-3");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(3003, (await response.JsonAsync()).GetProperty("ocpi_status_code").GetInt32());
        Assert.DoesNotContain(emsp.ConfigRequests, r => r.Path == "credentials");
    }

    [Fact]
    public async Task No_common_version_is_3002()
    {
        await using var emsp = await MockEmsp.StartAsync();
        emsp.Versions = ["2.0", "2.2"];

        using var response = await Host.RegisterWithAsync(emsp, "OUT-4");

        Assert.Equal(3002, (await response.JsonAsync()).GetProperty("ocpi_status_code").GetInt32());
    }

    [Fact]
    public async Task Partner_refusing_our_credentials_leaves_no_usable_token()
    {
        await using var emsp = await MockEmsp.StartAsync();
        using var admin = Host.Client();
        // A wrong token A: the mock answers 401 to every call.
        using var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/ocpi/registrations",
            $$"""{"partner_id":"OUT-5","versions_url":"{{emsp.VersionsUrl}}","token":"not-the-token"}""");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("401", (await response.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_puts_our_credentials_again_and_rotates_tokens_both_ways()
    {
        await using var emsp = await MockEmsp.StartAsync();
        using var registered = await Host.RegisterWithAsync(emsp, "OUT-6");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var oldB = emsp.TokenToCpo!;
        var oldC = emsp.TokenItIssued;

        using var admin = Host.Client();
        using var refreshed = await admin.PostAsync("/api/admin/ocpi/registrations/OUT-6/refresh", null);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Contains(emsp.ConfigRequests, r => r.Method == "PUT" && r.Path == "credentials");
        Assert.NotEqual(oldB, emsp.TokenToCpo);
        Assert.NotEqual(oldC, emsp.TokenItIssued);
        using var old = await emsp.SendToCpoAsync(HttpMethod.Get, Host.VersionsUrl(), token: oldB);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using var current = await emsp.SendToCpoAsync(HttpMethod.Get, Host.VersionsUrl());
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    /// <summary>
    /// A partner registered on 2.1.1 that offers 2.2.1 by the next refresh moves to 2.2.1. The versions GET still goes
    /// with the raw token (the version agreed so far), but that says nothing about what the partner wants on 2.2.1:
    /// every 2.2.1 request must carry the Base64 token the spec requires. The raw one went first (a 401 at a strict
    /// partner, and a lenient one had every later push sent raw). Found by an audit of every request we send.
    /// </summary>
    [Fact]
    public async Task A_refresh_that_moves_a_partner_from_2_1_1_to_2_2_1_sends_the_base64_token_on_2_2_1()
    {
        await using var emsp = await MockEmsp.StartAsync();
        emsp.Versions = ["2.1.1"];
        using var registered = await Host.RegisterWithAsync(emsp, "OUT-11");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal("2.1.1", emsp.Version);
        emsp.Versions = ["2.1.1", "2.2.1"];
        var before = emsp.ConfigRequests.Count;

        using var admin = Host.Client();
        using var refreshed = await admin.PostAsync("/api/admin/ocpi/registrations/OUT-11/refresh", null);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal("2.2.1", emsp.Version);
        var on221 = emsp.ConfigRequests.Skip(before).Where(r => r.Url.Contains("/2.2.1", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(on221);
        Assert.All(on221, r =>
        {
            var token = r.Headers["Authorization"]["Token ".Length..];
            Assert.True(IsBase64Token(token), $"{r.Method} {r.Url} carried '{r.Headers["Authorization"]}'");
        });
    }

    private static bool IsBase64Token(string value)
    {
        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var length) && length > 0
            && Convert.ToBase64String(bytes, 0, length) == value;
    }

    [Fact]
    public async Task Admin_delete_unregisters_at_the_partner_and_revokes_our_token()
    {
        await using var emsp = await MockEmsp.StartAsync();
        using var registered = await Host.RegisterWithAsync(emsp, "OUT-7");
        var tokenB = emsp.TokenToCpo!;

        using var admin = Host.Client();
        using var deleted = await admin.DeleteAsync("/api/admin/ocpi/registrations/OUT-7");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Contains(emsp.ConfigRequests, r => r.Method == "DELETE" && r.Path == "credentials");
        Assert.False(emsp.Registered);
        using var after = await emsp.SendToCpoAsync(HttpMethod.Get, Host.VersionsUrl(), token: tokenB, version: "2.2.1");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/partners/OUT-7")).StatusCode);
    }

    [Fact]
    public async Task Invalid_admin_requests_are_400_naming_the_field()
    {
        using var admin = Host.Client();
        using var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/ocpi/registrations", """{"versions_url":"ftp://x","token":"has space"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var paths = (await response.JsonAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("versions_url", paths);
        Assert.Contains("token", paths);
    }

    [Theory]
    [InlineData("/api/admin/ocpi/invitations", """{"filter":{"countries":[null]}}""", "filter.countries[0]")]
    [InlineData("/api/admin/ocpi/invitations", """{"filter":{"location_ids":["L-1",null]}}""", "filter.location_ids[1]")]
    [InlineData("/api/admin/ocpi/registrations", """{"versions_url":"http://127.0.0.1:9/v","token":"t","filter":{"countries":[null]}}""", "filter.countries[0]")]
    public async Task A_null_in_a_filter_list_of_an_admin_request_is_a_400_naming_it(string url, string body, string path)
    {
        using var admin = Host.Client();

        using var response = await admin.SendJsonAsync(HttpMethod.Post, url, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(path, (await response.JsonAsync()).GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_null_country_in_a_new_filter_is_a_400_naming_it()
    {
        using var admin = Host.Client();

        using var response = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/ocpi/registrations/OUT-NULL/filter", """{"countries":[null]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("filter.countries[0]", (await response.JsonAsync()).GetProperty("errors")[0].GetProperty("path").GetString());
    }
}
