using System.Net;
using System.Text.Json;
using StatusGrid.Server.Tests.OcpiApi;

namespace StatusGrid.Server.Tests.Security;

/// <summary>
/// Issue 11 item 1: a holder of a token A hands us a URL in its credentials; we call it back. It must not make us
/// reach internal addresses, follow redirects, buffer unbounded answers, or read anything back to it.
/// </summary>
public sealed class PartnerUrlSafetyTests
{
    [Fact]
    public async Task A_loopback_partner_url_is_refused_when_private_networks_are_not_allowed()
    {
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string> { ["StatusGrid:Ocpi:AllowPrivateNetworkPartners"] = "false" });
        await using var inside = await HostileEndpoint.StartAsync();

        var (status, message) = await RegisterPointingAtAsync(host, inside.BaseUrl + "/secret");

        Assert.Equal(3001, status);
        Assert.Contains("address not allowed", message, StringComparison.Ordinal);
        Assert.DoesNotContain(HostileEndpoint.Secret, message, StringComparison.Ordinal);
        Assert.Equal(0, inside.TotalHits);
    }

    [Fact]
    public async Task A_redirect_to_an_internal_address_is_not_followed()
    {
        await using var host = await StatusGridHost.StartAsync();
        await using var inside = await HostileEndpoint.StartAsync();

        var (status, message) = await RegisterPointingAtAsync(host, inside.BaseUrl + "/redirect");

        Assert.Equal(3001, status);
        Assert.Contains("versions URL answered HTTP 302", message, StringComparison.Ordinal);
        Assert.DoesNotContain(HostileEndpoint.Secret, message, StringComparison.Ordinal);
        Assert.Equal(1, inside.Hits("/redirect"));
        Assert.Equal(0, inside.Hits("/secret"));
    }

    [Fact]
    public async Task A_partner_error_page_is_named_by_its_status_and_never_echoed()
    {
        await using var host = await StatusGridHost.StartAsync();
        await using var inside = await HostileEndpoint.StartAsync();

        var (status, message) = await RegisterPointingAtAsync(host, inside.BaseUrl + "/error");

        Assert.Equal(3001, status);
        Assert.Contains("versions URL answered HTTP 500", message, StringComparison.Ordinal);
        Assert.DoesNotContain(HostileEndpoint.Secret, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversize_partner_answer_is_cut_and_refused()
    {
        await using var host = await StatusGridHost.StartAsync();
        await using var inside = await HostileEndpoint.StartAsync();

        var (status, message) = await RegisterPointingAtAsync(host, inside.BaseUrl + "/huge");

        Assert.Equal(3001, status);
        Assert.Contains("more than the allowed response size", message, StringComparison.Ordinal);
        Assert.DoesNotContain(HostileEndpoint.Secret, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_http_partner_url_is_a_400_naming_the_field_where_partners_on_our_own_network_are_not_allowed()
    {
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string> { ["StatusGrid:Ocpi:AllowPrivateNetworkPartners"] = "false" });
        using var admin = host.Client();

        using var partner = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson("http://emsp.example.com/ocpi/2.2.1/locations", id: "PLAIN-1"));
        using var secure = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson("https://emsp.example.com/ocpi/2.2.1/locations", id: "TLS-1"));
        using var registration = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/ocpi/registrations",
            """{"partner_id":"PLAIN-2","versions_url":"http://emsp.example.com/ocpi/versions","token":"token-a-of-the-partner"}""");

        Assert.Equal(HttpStatusCode.BadRequest, partner.StatusCode);
        var problem = await partner.JsonAsync();
        Assert.Equal("locations_url", problem.GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Contains("https", problem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, secure.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, registration.StatusCode);
        Assert.Contains("versions_url", (await registration.JsonAsync()).ToString(), StringComparison.Ordinal);
    }

    /// <summary>A token A holder POSTs credentials whose url is <paramref name="url"/>; returns the OCPI status and message.</summary>
    private static async Task<(int Status, string Message)> RegisterPointingAtAsync(StatusGridHost host, string url)
    {
        var tokenA = await host.InviteAsync("SSRF-" + Guid.NewGuid().ToString("N")[..6]);
        var credentials = JsonSerializer.Serialize(new
        {
            token = "partner-token-" + Guid.NewGuid().ToString("N"),
            url,
            roles = new[] { new { role = "EMSP", party_id = "EVL", country_code = "DE", business_details = new { name = "Evil" } } },
        });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ocpi/2.2.1/credentials") { Content = new StringContent(credentials, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Token " + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(tokenA)));
        using var response = await client.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        var envelope = await response.OcpiJsonAsync();
        return (envelope.OcpiStatus(), envelope.GetProperty("status_message").GetString() ?? "");
    }
}
