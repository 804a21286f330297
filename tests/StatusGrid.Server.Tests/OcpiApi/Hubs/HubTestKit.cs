using System.Text.Json;
using StatusGrid.Server.Tests.OcpiApi;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.OcpiApi.Hubs;

/// <summary>A mock eMSP registered as a roaming hub (NL/HUB, 2.2.1), and what the hub tests do through the host.</summary>
internal static class HubTestKit
{
    public static Task<MockEmsp> RegisteredHubAsync(this StatusGridHost host, string hubId, string locationId, string version = "2.2.1") =>
        host.RegisteredEmspAsync(hubId, $$"""{"location_ids":["{{locationId}}"]}""", e =>
        {
            e.Hub = true;
            e.CountryCode = "NL";
            e.PartyId = "HUB";
            e.Versions = ["2.2.1", "2.3.0"];
        }, version);

    /// <summary>A partner behind the hub (admin API): pushes go to the hub's receiver, addressed to DE/EMA.</summary>
    public static async Task AddPartyBehindAsync(this StatusGridHost host, MockEmsp hub, string hubId, string locationId, string extra = "")
    {
        using var admin = host.Client();
        using var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", $$"""
            {"id":"{{hubId}}-EMA","ocpi_version":"{{hub.Version}}","locations_url":"{{hub.LocationsUrl(hub.Version!)}}",
             "token":"{{hub.TokenItIssued}}","country_code":"DE","party_id":"EMA","hub_id":"{{hubId}}",
             "filter":{"location_ids":["{{locationId}}"]}{{extra}}}
            """);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>PUT /api/admin/locations/{id}: <paramref name="json"/>, or the test Location; <paramref name="query"/> e.g. ?ocpi_version=2.3.0.</summary>
    public static async Task PutLocationAsync(this StatusGridHost host, string id, string? json = null, string query = "")
    {
        using var admin = host.Client();
        using var response = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/locations/{id}{query}", json ?? TestLocations.Json(id));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task IngestAsync(this StatusGridHost host, string locationId, string evseUid, string status, DateTimeOffset observedAt)
    {
        using var ingest = host.Client(StatusGridHost.IngestKey);
        using var response = await ingest.SendJsonAsync(HttpMethod.Post, "/api/status",
            $$"""{"changes":[{"location_id":"{{locationId}}","evse_uid":"{{evseUid}}","status":"{{status}}","observed_at":"{{observedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}"}]}""");
        Assert.Equal(1, (await response.JsonAsync()).GetProperty("applied").GetInt32());
    }

    public static async Task<JsonElement> PartnerAsync(this StatusGridHost host, string id)
    {
        using var admin = host.Client();
        using var response = await admin.GetAsync($"/api/admin/partners/{Uri.EscapeDataString(id)}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary>Pushes addressed to a party: the OCPI-to-* headers name it.</summary>
    public static bool To(this ReceivedPush push, string countryCode, string partyId) =>
        push.Headers.TryGetValue("OCPI-to-country-code", out var cc) && string.Equals(cc, countryCode, StringComparison.OrdinalIgnoreCase)
        && push.Headers.TryGetValue("OCPI-to-party-id", out var pid) && string.Equals(pid, partyId, StringComparison.OrdinalIgnoreCase);

    public static string Status(this ReceivedPush push) => JsonDocument.Parse(push.Body).RootElement.GetProperty("status").GetString()!;
}
