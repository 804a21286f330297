using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>
/// Outside Development a Basic password travels only over TLS: at Kestrel, or at a reverse proxy whose
/// <c>X-Forwarded-Proto: https</c> we believe. The header is believed from trusted proxies only (loopback unless
/// <c>StatusGrid:ForwardedHeaders:TrustedProxies</c> names others); a station reaching the plain port directly cannot
/// claim TLS by sending it itself.
/// </summary>
public sealed class OcppTransportSecurityTests
{
    [Fact]
    public async Task A_forwarded_proto_from_an_address_that_is_not_a_trusted_proxy_does_not_make_plain_ws_acceptable()
    {
        // The test client connects from loopback; naming another proxy takes loopback's default trust away.
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["StatusGrid:ForwardedHeaders:TrustedProxies:0"] = "192.0.2.10",
        });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await client.SendAsync(Upgrade(forwardedProto: "https"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("wss://", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forwarded_proto_from_a_trusted_proxy_counts_as_tls_and_without_it_plain_ws_is_refused()
    {
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["StatusGrid:ForwardedHeaders:TrustedProxies:0"] = "127.0.0.0/8",
            ["StatusGrid:ForwardedHeaders:TrustedProxies:1"] = "::1",
        });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var plain = await client.SendAsync(Upgrade(forwardedProto: null));
        Assert.Equal(HttpStatusCode.Forbidden, plain.StatusCode);

        // Past the transport rule: the made-up identity is then refused for its password, as any unknown one.
        using var proxied = await client.SendAsync(Upgrade(forwardedProto: "https"));
        Assert.Equal(HttpStatusCode.Unauthorized, proxied.StatusCode);
    }

    private static HttpRequestMessage Upgrade(string? forwardedProto)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/ocpp/CP-TLS-1");
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
        request.Headers.Add("Sec-WebSocket-Protocol", "ocpp1.6");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("CP-TLS-1:not-a-real-password-01")));
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return request;
    }
}
