using System.Net;
using System.Text.Json;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.OcpiApi;

/// <summary>The operator's side of the handshakes, through the admin API of a running host.</summary>
public static class OcpiHostExtensions
{
    public static string VersionsUrl(this StatusGridHost host) => new Uri(host.BaseAddress, "/ocpi/versions").AbsoluteUri;

    /// <summary>POST /api/admin/ocpi/invitations: a token A for <paramref name="partnerId"/>.</summary>
    public static async Task<string> InviteAsync(this StatusGridHost host, string partnerId, string? filterJson = null)
    {
        using var admin = host.Client();
        var body = filterJson is null ? $$"""{"partner_id":"{{partnerId}}"}""" : $$"""{"partner_id":"{{partnerId}}","filter":{{filterJson}}}""";
        using var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/ocpi/invitations", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var invitation = await response.JsonAsync();
        Assert.Equal(host.VersionsUrl(), invitation.GetProperty("versions_url").GetString());
        return invitation.GetProperty("token").GetString()!;
    }

    /// <summary>A mock eMSP that registered with the host (token A → its POST); <paramref name="filterJson"/> limits what it sees.</summary>
    public static async Task<MockEmsp> RegisteredEmspAsync(
        this StatusGridHost host, string partnerId, string? filterJson = null, Action<MockEmsp>? configure = null, string? version = null)
    {
        var emsp = await MockEmsp.StartAsync();
        configure?.Invoke(emsp);
        var tokenA = await host.InviteAsync(partnerId, filterJson);
        await emsp.RegisterWithAsync(host.VersionsUrl(), tokenA, version);
        return emsp;
    }

    /// <summary>POST /api/admin/ocpi/registrations: the host registers with the mock, using a token A the mock issued.</summary>
    public static async Task<HttpResponseMessage> RegisterWithAsync(this StatusGridHost host, MockEmsp emsp, string partnerId, string? filterJson = null)
    {
        using var admin = host.Client();
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["partner_id"] = partnerId,
            ["versions_url"] = emsp.VersionsUrl,
            ["token"] = emsp.IssueTokenA(),
            ["filter"] = filterJson is null ? null : JsonDocument.Parse(filterJson).RootElement,
        });
        return await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/ocpi/registrations", body);
    }

    public static async Task<JsonElement> OcpiJsonAsync(this HttpResponseMessage response)
    {
        var envelope = await response.JsonAsync();
        Assert.True(envelope.TryGetProperty("status_code", out _), $"not an OCPI envelope: {envelope}");
        Assert.True(envelope.TryGetProperty("timestamp", out _), $"not an OCPI envelope: {envelope}");
        return envelope;
    }

    public static int OcpiStatus(this JsonElement envelope) => envelope.GetProperty("status_code").GetInt32();
}
