using System.Net;
using System.Text.Json;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.OcpiApi;

/// <summary>Item 2, direction (a): a partner registers with us (token A → its POST → our token C), then PUT, GET, DELETE.</summary>
public sealed class OcpiCredentialsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    private string Url(string path) => new Uri(Host.BaseAddress, path).AbsoluteUri;

    private async Task<JsonElement> RegistrationAsync(string partnerId)
    {
        using var admin = Host.Client();
        using var response = await admin.GetAsync($"/api/admin/ocpi/registrations/{partnerId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task Partner_registers_with_token_a_we_call_it_back_and_answer_with_token_c()
    {
        await using var emsp = await MockEmsp.StartAsync();
        var tokenA = await Host.InviteAsync("CR-1");

        var envelope = await emsp.RegisterWithAsync(Host.VersionsUrl(), tokenA);

        var ours = envelope.GetProperty("data");
        var tokenC = ours.GetProperty("token").GetString();
        Assert.NotEqual(tokenA, tokenC);
        Assert.Equal(Host.VersionsUrl(), ours.GetProperty("url").GetString());
        var role = Assert.Single(ours.GetProperty("roles").EnumerateArray());
        Assert.Equal("CPO", role.GetProperty("role").GetString());
        Assert.Equal("NL", role.GetProperty("country_code").GetString());
        Assert.Equal("SGR", role.GetProperty("party_id").GetString());

        // Before answering we fetched its versions and version details with the token it gave us (Base64 in 2.2.1).
        var callbacks = emsp.ConfigRequests.Where(r => r.Method == "GET").ToList();
        Assert.Contains(callbacks, r => r.Url == "/ocpi/emsp/versions" && r.Headers["Authorization"] == MockEmsp.Header(emsp.TokenItIssued!, "2.2.1"));
        Assert.Contains(callbacks, r => r.Url == "/ocpi/emsp/2.2.1" && r.Headers["Authorization"] == MockEmsp.Header(emsp.TokenItIssued!, "2.2.1"));

        var registration = await RegistrationAsync("CR-1");
        Assert.Equal("registered", registration.GetProperty("status").GetString());
        Assert.Equal("2.2.1", registration.GetProperty("ocpi_version").GetString());
        Assert.Equal(emsp.LocationsUrl("2.2.1"), registration.GetProperty("locations_url").GetString());
        Assert.True(registration.GetProperty("receives_pushes").GetBoolean());
        Assert.Equal("DE", registration.GetProperty("to_country_code").GetString());
        Assert.False(registration.TryGetProperty("token", out _));

        // Token A is void now; token C opens the functional modules; a second POST is refused with 405.
        using var withA = await emsp.SendToCpoAsync(HttpMethod.Get, Host.VersionsUrl(), token: tokenA);
        Assert.Equal(HttpStatusCode.Unauthorized, withA.StatusCode);
        using var withC = await emsp.SendToCpoAsync(HttpMethod.Get, Url("/ocpi/2.2.1/locations"));
        Assert.Equal(HttpStatusCode.OK, withC.StatusCode);
        using var again = await emsp.SendToCpoAsync(HttpMethod.Post, emsp.CpoCredentialsUrl!, "{}");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, again.StatusCode);
        Assert.Equal("GET, PUT, DELETE", string.Join(", ", again.Content.Headers.Allow));
        Assert.Equal(2000, (await again.OcpiJsonAsync()).OcpiStatus());
    }

    [Fact]
    public async Task Put_reregisters_with_a_new_token_every_time_and_revokes_the_old_one()
    {
        await using var emsp = await Host.RegisteredEmspAsync("CR-2");
        var first = emsp.TokenToCpo!;
        var theirs = emsp.TokenItIssued;

        var (status, envelope) = await emsp.UpdateCredentialsAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1000, envelope.OcpiStatus());
        Assert.NotEqual(first, emsp.TokenToCpo);
        Assert.NotEqual(theirs, emsp.TokenItIssued);
        using var old = await emsp.SendToCpoAsync(HttpMethod.Get, Url("/ocpi/2.2.1/locations"), token: first);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using var current = await emsp.SendToCpoAsync(HttpMethod.Get, Url("/ocpi/2.2.1/locations"));
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);

        // Same version, same endpoints: still a new token.
        var second = emsp.TokenToCpo;
        await emsp.UpdateCredentialsAsync();
        Assert.NotEqual(second, emsp.TokenToCpo);

        // And pushes now carry the token the partner gave us in its PUT.
        using var admin = Host.Client();
        using var partner = await admin.GetAsync("/api/admin/partners/CR-2");
        Assert.Equal(HttpStatusCode.OK, partner.StatusCode);
    }

    [Fact]
    public async Task Put_on_another_versions_endpoint_switches_the_partner_to_that_version()
    {
        await using var emsp = await Host.RegisteredEmspAsync("CR-10", """{"location_ids":["CR-10-L"]}""");
        Assert.Equal("2.2.1", emsp.Version);

        var (status, envelope) = await emsp.SwitchVersionAsync("2.1.1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(envelope.GetProperty("data").TryGetProperty("roles", out _));
        var registration = await RegistrationAsync("CR-10");
        Assert.Equal("2.1.1", registration.GetProperty("ocpi_version").GetString());
        Assert.Equal(emsp.LocationsUrl("2.1.1"), registration.GetProperty("locations_url").GetString());

        // Pushes follow: 2.1.1 URL, shape and raw token.
        using var admin = Host.Client();
        using var put = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/CR-10-L", TestLocations.Json("CR-10-L"));
        var push = await emsp.WaitForAsync(r => r.Method == "PUT", "the Location PUT");
        Assert.StartsWith("/ocpi/emsp/2.1.1/locations/NL/SGR/CR-10-L", push.Url, StringComparison.Ordinal);
        emsp.AssertPushesConform();
    }

    [Fact]
    public async Task Get_put_and_delete_follow_the_405_rules()
    {
        await using var emsp = await MockEmsp.StartAsync();
        var tokenA = await Host.InviteAsync("CR-3");
        var credentials = Url("/ocpi/2.2.1/credentials");

        // Not registered yet: GET answers (with token A), PUT and DELETE are 405.
        using var get = await emsp.SendToCpoAsync(HttpMethod.Get, credentials, token: tokenA, version: "2.2.1");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(tokenA, (await get.OcpiJsonAsync()).GetProperty("data").GetProperty("token").GetString());
        using var put = await emsp.SendToCpoAsync(HttpMethod.Put, credentials, "{}", token: tokenA, version: "2.2.1");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal("GET, POST", string.Join(", ", put.Content.Headers.Allow));
        using var delete = await emsp.SendToCpoAsync(HttpMethod.Delete, credentials, token: tokenA, version: "2.2.1");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Equal("GET, POST", string.Join(", ", delete.Content.Headers.Allow));
        using var patch = await emsp.SendToCpoAsync(HttpMethod.Patch, credentials, "{}", token: tokenA, version: "2.2.1");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, patch.StatusCode);

        await emsp.RegisterWithAsync(Host.VersionsUrl(), tokenA);
        var tokenC = emsp.TokenToCpo!;
        using var getC = await emsp.SendToCpoAsync(HttpMethod.Get, credentials);
        Assert.Equal(tokenC, (await getC.OcpiJsonAsync()).GetProperty("data").GetProperty("token").GetString());

        using var unregister = await emsp.SendToCpoAsync(HttpMethod.Delete, credentials);
        Assert.Equal(HttpStatusCode.OK, unregister.StatusCode);
        Assert.Equal(1000, (await unregister.OcpiJsonAsync()).OcpiStatus());

        // Unregistered: the token is revoked, the partner and its pushes are gone.
        using var after = await emsp.SendToCpoAsync(HttpMethod.Get, credentials, token: tokenC);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        using var admin = Host.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/ocpi/registrations/CR-3")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/partners/CR-3")).StatusCode);
    }

    [Fact]
    public async Task Unreachable_partner_api_is_3001_and_token_a_stays_usable()
    {
        await using var emsp = await MockEmsp.StartAsync();
        emsp.VersionsFailure = 503;
        var tokenA = await Host.InviteAsync("CR-4");

        var (status, envelope) = await emsp.TryRegisterWithAsync(Host.VersionsUrl(), tokenA);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3001, envelope.OcpiStatus());
        Assert.Contains("503", envelope.GetProperty("status_message").GetString(), StringComparison.Ordinal);

        // A versions URL nobody listens on: 3001 as well.
        var body = $$"""{"token":"tok-b-123","url":"http://127.0.0.1:9/ocpi/versions","roles":[{"role":"EMSP","business_details":{"name":"X"},"party_id":"EMS","country_code":"DE"}]}""";
        using var closed = await emsp.SendToCpoAsync(HttpMethod.Post, Url("/ocpi/2.2.1/credentials"), body, token: tokenA, version: "2.2.1");
        Assert.Equal(3001, (await closed.OcpiJsonAsync()).OcpiStatus());

        emsp.VersionsFailure = null;
        await emsp.RegisterWithAsync(Host.VersionsUrl(), tokenA);
        Assert.True(emsp.Registered);
    }

    [Fact]
    public async Task Partner_without_a_credentials_endpoint_is_3003()
    {
        await using var emsp = await MockEmsp.StartAsync();
        emsp.ExposeCredentials = false;
        var tokenA = await Host.InviteAsync("CR-5");

        var (_, envelope) = await emsp.TryRegisterWithAsync(Host.VersionsUrl(), tokenA);

        Assert.Equal(3003, envelope.OcpiStatus());
        Assert.Equal("pending", (await RegistrationAsync("CR-5")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Registering_on_a_version_the_partner_does_not_list_is_3002()
    {
        await using var emsp = await MockEmsp.StartAsync();
        emsp.Versions = ["2.2.1"];
        var tokenA = await Host.InviteAsync("CR-6");

        var (_, envelope) = await emsp.TryRegisterWithAsync(Host.VersionsUrl(), tokenA, version: "2.1.1");

        Assert.Equal(3002, envelope.OcpiStatus());
    }

    [Fact]
    public async Task Registers_over_211_with_raw_tokens_and_flat_credentials()
    {
        await using var emsp = await MockEmsp.StartAsync();
        emsp.Versions = ["2.1.1"];
        var tokenA = await Host.InviteAsync("CR-7");

        var envelope = await emsp.RegisterWithAsync(Host.VersionsUrl(), tokenA);

        var ours = envelope.GetProperty("data");
        Assert.False(ours.TryGetProperty("roles", out _));
        Assert.Equal("SGR", ours.GetProperty("party_id").GetString());
        Assert.Equal("StatusGrid", ours.GetProperty("business_details").GetProperty("name").GetString());
        Assert.Contains(emsp.ConfigRequests, r => r.Url == "/ocpi/emsp/2.1.1" && r.Headers["Authorization"] == "Token " + emsp.TokenItIssued);
        var registration = await RegistrationAsync("CR-7");
        Assert.Equal("2.1.1", registration.GetProperty("ocpi_version").GetString());
        Assert.Equal(emsp.LocationsUrl("2.1.1"), registration.GetProperty("locations_url").GetString());
        using var pull = await emsp.SendToCpoAsync(HttpMethod.Get, Url("/ocpi/2.1.1/locations"));
        Assert.Equal(HttpStatusCode.OK, pull.StatusCode);
    }

    [Theory]
    [InlineData("2.2.1")]
    [InlineData("2.3.0")]
    public async Task A_roaming_hub_is_a_partner_addressed_as_the_hub(string version)
    {
        await using var emsp = await MockEmsp.StartAsync();
        emsp.Versions = [version];
        emsp.Hub = true;
        emsp.CountryCode = "NL";
        emsp.PartyId = "HUB";
        var id = "CR-HUB-" + version;
        var tokenA = await Host.InviteAsync(id);

        await emsp.RegisterWithAsync(Host.VersionsUrl(), tokenA);

        var registration = await RegistrationAsync(id);
        Assert.True(registration.GetProperty("via_hub").GetBoolean());
        Assert.Equal("NL", registration.GetProperty("to_country_code").GetString());
        Assert.Equal("HUB", registration.GetProperty("to_party_id").GetString());
    }

    [Fact]
    public async Task Pull_only_partner_registers_but_receives_no_pushes()
    {
        await using var emsp = await MockEmsp.StartAsync();
        emsp.ExposeLocationsReceiver = false;
        var tokenA = await Host.InviteAsync("CR-8");

        await emsp.RegisterWithAsync(Host.VersionsUrl(), tokenA);

        var registration = await RegistrationAsync("CR-8");
        Assert.False(registration.GetProperty("receives_pushes").GetBoolean());
        Assert.False(registration.TryGetProperty("locations_url", out _));
    }

    [Fact]
    public async Task A_new_invitation_replaces_the_previous_token_a_and_a_registered_partner_cannot_be_invited()
    {
        var first = await Host.InviteAsync("CR-9");
        var second = await Host.InviteAsync("CR-9");
        await using var emsp = await MockEmsp.StartAsync();

        using var old = await emsp.SendToCpoAsync(HttpMethod.Get, Host.VersionsUrl(), token: first, version: "2.2.1");
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        await emsp.RegisterWithAsync(Host.VersionsUrl(), second);

        using var admin = Host.Client();
        using var again = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/ocpi/invitations", """{"partner_id":"CR-9"}""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
