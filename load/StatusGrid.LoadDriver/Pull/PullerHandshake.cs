using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatusGrid.MockEmsp;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.LoadDriver.Pull;

/// <summary>
/// Gets a pulling partner its token the way a real eMSP does: the operator invites it (admin API, token A), the
/// partner reads our versions and 2.2.1 details with token A and POSTs its credentials (its versions URL is the
/// fleet's pull-only eMSP, so it is not subscribed to pushes); our answer carries the token it pulls with.
/// </summary>
internal static class PullerHandshake
{
    /// <summary>The pull token, or null with the reason when the target has no OCPI credentials module (the baseline).</summary>
    public static async Task<(string? Token, string? Problem)> RegisterAsync(HttpClient http, Uri target, string adminKey, int fleetPort, string partnerId, CancellationToken cancellationToken)
    {
        var invited = await InviteAsync(http, target, adminKey, partnerId, cancellationToken);
        if (invited.StatusCode == HttpStatusCode.Conflict)
        {
            // Registered by an earlier run against the same server: unregister, then invite again (a fresh token A).
            invited.Dispose();
            using var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri(target, "/api/admin/ocpi/registrations/" + Uri.EscapeDataString(partnerId)));
            delete.Headers.Add("X-Api-Key", adminKey);
            using var deleted = await http.SendAsync(delete, cancellationToken);
            invited = await InviteAsync(http, target, adminKey, partnerId, cancellationToken);
        }

        using var answer = invited;
        if (invited.StatusCode == HttpStatusCode.NotFound)
        {
            return (null, "the target has no OCPI admin API (POST /api/admin/ocpi/invitations answered 404)");
        }

        var invitation = await ReadJsonAsync(invited, "invitation", cancellationToken);
        var tokenA = invitation["token"]!.GetValue<string>();
        var versionsUrl = invitation["versions_url"]!.GetValue<string>();

        var versions = await GetDataAsync(http, versionsUrl, tokenA, cancellationToken);
        var detailsUrl = versions.AsArray().First(v => v!["version"]!.GetValue<string>() == "2.2.1")!["url"]!.GetValue<string>();
        var details = await GetDataAsync(http, detailsUrl, tokenA, cancellationToken);
        var credentialsUrl = details["endpoints"]!.AsArray().First(e => e!["identifier"]!.GetValue<string>() == "credentials")!["url"]!.GetValue<string>();

        using var post = new HttpRequestMessage(HttpMethod.Post, credentialsUrl)
        {
            Content = JsonContent.Create(new
            {
                token = "puller-" + Guid.NewGuid().ToString("N"),
                url = $"http://127.0.0.1:{fleetPort}{PullerEndpoints.VersionsPath}",
                roles = new[] { new { role = "EMSP", country_code = "DE", party_id = "PUL", business_details = new { name = "Load puller" } } },
            }),
        };
        post.Headers.TryAddWithoutValidation("Authorization", Header(tokenA));
        using var posted = await http.SendAsync(post, cancellationToken);
        var ours = await ReadJsonAsync(posted, "credentials POST", cancellationToken);
        if (ours["status_code"]?.GetValue<int>() != 1000)
        {
            throw new HttpRequestException($"credentials POST refused: {ours.ToJsonString()}");
        }

        return (ours["data"]!["token"]!.GetValue<string>(), null);
    }

    private static Task<HttpResponseMessage> InviteAsync(HttpClient http, Uri target, string adminKey, string partnerId, CancellationToken cancellationToken)
    {
        var invite = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "/api/admin/ocpi/invitations"))
        {
            Content = JsonContent.Create(new { partner_id = partnerId, name = "Load puller " + partnerId }),
        };
        invite.Headers.Add("X-Api-Key", adminKey);
        return SendAndDisposeAsync(http, invite, cancellationToken);
    }

    private static async Task<HttpResponseMessage> SendAndDisposeAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await http.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>OCPI 2.2: the token travels base64-encoded.</summary>
    public static string Header(string token) => OcpiToken.EncodeHeader(token, OcpiVersion.V221);

    private static async Task<JsonNode> GetDataAsync(HttpClient http, string url, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization", Header(token));
        using var response = await http.SendAsync(request, cancellationToken);
        return (await ReadJsonAsync(response, "GET " + url, cancellationToken))["data"]
            ?? throw new HttpRequestException($"GET {url}: no data in the answer");
    }

    private static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{what} failed: HTTP {(int)response.StatusCode}: {(text.Length > 500 ? text[..500] : text)}");
        }

        try
        {
            return JsonNode.Parse(text) ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            throw new HttpRequestException($"{what}: not JSON ({ex.Message})");
        }
    }
}
