using System.Net;
using StatusGrid.Server.Tests.OcpiApi;
using StatusGrid.Server.Tests.OcpiApi.Hubs;

namespace StatusGrid.Server.Tests.Admin.Partners;

/// <summary>
/// How a partner is delivered to (delivery mode, rate limit, backlog bound, concurrency) is the CPO's choice, not part
/// of the credentials handshake. A partner registered through the handshake (a roaming hub such as Gireve's IOP, which
/// requires ordered delivery and a rate limit) had no way to get them: the admin PUT needs the token we send it, which
/// the handshake keeps to itself, and replaces what the handshake learnt (that it is a hub). And every refresh of the
/// registration rebuilt the configuration without them, back to latest and unlimited. Both seen failing first.
/// </summary>
public sealed class PartnerSettingsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    [Fact]
    public async Task A_registered_hub_is_given_ordered_delivery_and_a_rate_limit_without_its_token_and_stays_a_hub()
    {
        await using var hub = await Host.RegisteredHubAsync("HUB-SET", "HSET-1");
        using var admin = Host.Client();

        using var patched = await admin.SendJsonAsync(HttpMethod.Patch, "/api/admin/partners/HUB-SET",
            """{"delivery_mode":"ordered","max_requests_per_second":20,"max_backlog":5000,"max_concurrency":4}""");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var view = await Host.PartnerAsync("HUB-SET");
        Assert.Equal("ordered", view.GetProperty("delivery_mode").GetString());
        Assert.Equal(20, view.GetProperty("max_requests_per_second").GetInt32());
        Assert.Equal(5000, view.GetProperty("max_backlog").GetInt32());
        Assert.Equal(4, view.GetProperty("max_concurrency").GetInt32());
        Assert.True(view.GetProperty("is_hub").GetBoolean());

        // Still pushed to with the token of the handshake.
        await Host.PutLocationAsync("HSET-1");
        var put = await hub.WaitForAsync(r => r.Method == "PUT" && r.Path.EndsWith("/HSET-1", StringComparison.Ordinal), "the Location PUT");
        Assert.Equal(StatusGrid.TestSupport.Emsp.MockEmsp.Header(hub.TokenItIssued!, "2.2.1"), put.Headers["Authorization"]);
    }

    [Fact]
    public async Task Delivery_settings_survive_a_refresh_of_the_registration()
    {
        await using var emsp = await Host.RegisteredEmspAsync("SET-REF", """{"location_ids":["SET-REF-1"]}""");
        using var admin = Host.Client();
        using var patched = await admin.SendJsonAsync(HttpMethod.Patch, "/api/admin/partners/SET-REF", """{"delivery_mode":"ordered","max_requests_per_second":7}""");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        using var refreshed = await admin.PostAsync("/api/admin/ocpi/registrations/SET-REF/refresh", null);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var view = await Host.PartnerAsync("SET-REF");
        Assert.Equal("ordered", view.GetProperty("delivery_mode").GetString());
        Assert.Equal(7, view.GetProperty("max_requests_per_second").GetInt32());
    }

    [Theory]
    [InlineData("""{"delivery_mode":"sometimes"}""", "delivery_mode")]
    [InlineData("""{"max_requests_per_second":0}""", "max_requests_per_second")]
    [InlineData("""{"max_backlog":-1}""", "max_backlog")]
    [InlineData("""{"max_concurrency":1000}""", "max_concurrency")]
    [InlineData("""{"token":"x"}""", "token")]
    [InlineData("""[]""", "")]
    public async Task A_setting_out_of_range_or_not_a_setting_is_a_400_naming_it(string body, string field)
    {
        await using var emsp = await Host.RegisteredEmspAsync("SET-BAD-" + Math.Abs(body.GetHashCode(StringComparison.Ordinal)), """{"location_ids":["SET-BAD"]}""");
        using var admin = Host.Client();
        var id = "SET-BAD-" + Math.Abs(body.GetHashCode(StringComparison.Ordinal));

        using var response = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/admin/partners/{id}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A PUT replaces a partner with what the admin sends. For a partner registered by handshake that is wrong: it
    /// dropped what the handshake learnt (that the partner is a hub, its versions URL), and the next refresh of the
    /// registration rebuilt the configuration from the registration anyway. Seen failing first (it answered 200).
    /// </summary>
    [Fact]
    public async Task A_put_on_a_partner_registered_by_handshake_is_a_409_pointing_to_patch_and_changes_nothing()
    {
        await using var hub = await Host.RegisteredHubAsync("HUB-PUT", "HPUT-1");
        using var admin = Host.Client();

        using var put = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/partners/HUB-PUT",
            HttpExtensions.PartnerJson(hub.LocationsUrl(), id: "HUB-PUT", token: hub.TokenItIssued!));

        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        Assert.Contains("PATCH", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await Host.PartnerAsync("HUB-PUT")).GetProperty("is_hub").GetBoolean());
    }

    [Fact]
    public async Task Settings_of_an_unknown_partner_are_a_404()
    {
        using var admin = Host.Client();
        using var response = await admin.SendJsonAsync(HttpMethod.Patch, "/api/admin/partners/NOPE-SET", """{"delivery_mode":"ordered"}""");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
