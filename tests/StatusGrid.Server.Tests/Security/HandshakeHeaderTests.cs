using System.Net;
using StatusGrid.Server.Tests.OcpiApi;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.Security;

/// <summary>
/// Issue 12 item 8: every request we send during a handshake (both directions, refresh and unregister) carries a
/// unique X-Request-ID and X-Correlation-ID; once 2.1.1 is agreed every request carries the raw token.
/// </summary>
public sealed class HandshakeHeaderTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    [Fact]
    public async Task Every_handshake_request_in_both_directions_carries_unique_request_and_correlation_ids()
    {
        // Direction (a): the partner registers with us; we call its versions and details back.
        await using var inbound = await Host.RegisteredEmspAsync("HDR-IN");

        // Direction (b): we register with the partner, refresh, then unregister.
        await using var outbound = await MockEmsp.StartAsync();
        using (var registered = await Host.RegisterWithAsync(outbound, "HDR-OUT"))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        using var admin = Host.Client();
        using (var refreshed = await admin.PostAsync("/api/admin/ocpi/registrations/HDR-OUT/refresh", null))
        {
            Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        }

        using (var deleted = await admin.DeleteAsync("/api/admin/ocpi/registrations/HDR-OUT"))
        {
            Assert.True(deleted.IsSuccessStatusCode, $"DELETE answered {(int)deleted.StatusCode}");
        }

        var requests = inbound.ConfigRequests.Concat(outbound.ConfigRequests).ToList();
        Assert.Contains(outbound.ConfigRequests, r => r.Method == "PUT");
        Assert.Contains(outbound.ConfigRequests, r => r.Method == "DELETE");
        foreach (var request in requests)
        {
            Assert.True(request.Headers.ContainsKey("X-Request-ID"), $"{request.Method} {request.Url} has no X-Request-ID");
            Assert.True(request.Headers.ContainsKey("X-Correlation-ID"), $"{request.Method} {request.Url} has no X-Correlation-ID");
        }

        Assert.Equal(requests.Count, requests.Select(r => r.Headers["X-Request-ID"]).Distinct().Count());
        Assert.Equal(requests.Count, requests.Select(r => r.Headers["X-Correlation-ID"]).Distinct().Count());
    }

    [Fact]
    public async Task Once_2_1_1_is_chosen_every_request_carries_the_raw_token_refresh_and_unregister_included()
    {
        await using var emsp = await MockEmsp.StartAsync();
        emsp.Versions = ["2.1.1"];
        using (var registered = await Host.RegisterWithAsync(emsp, "HDR-211"))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        using var admin = Host.Client();
        using (var refreshed = await admin.PostAsync("/api/admin/ocpi/registrations/HDR-211/refresh", null))
        {
            Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        }

        using (var deleted = await admin.DeleteAsync("/api/admin/ocpi/registrations/HDR-211"))
        {
            Assert.True(deleted.IsSuccessStatusCode, $"DELETE answered {(int)deleted.StatusCode}");
        }

        // The first GET of the versions comes before any version is chosen; every later request is 2.1.1.
        var afterChoice = emsp.ConfigRequests.Skip(1).ToList();
        Assert.NotEmpty(afterChoice);
        foreach (var request in afterChoice)
        {
            var credential = request.Headers["Authorization"]["Token ".Length..];
            Assert.False(IsBase64OfPrintable(credential), $"{request.Method} {request.Url} sent a Base64 token after 2.1.1 was chosen");
        }
    }

    private static bool IsBase64OfPrintable(string credential)
    {
        try
        {
            var bytes = Convert.FromBase64String(credential);
            return bytes.Length > 0 && bytes.All(b => b is >= (byte)'!' and <= (byte)'~');
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
