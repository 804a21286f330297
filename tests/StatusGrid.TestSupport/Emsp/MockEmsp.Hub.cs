using System.Text.Json;

namespace StatusGrid.TestSupport.Emsp;

/// <summary>The mock as a roaming hub: it tells the CPO about the parties connected to it (HubClientInfo).</summary>
public sealed partial class MockEmsp
{
    /// <summary>The CPO's HubClientInfo receiver, from its version details (2.2+).</summary>
    public string? CpoHubClientInfoUrl { get; private set; }

    /// <summary>PUTs a ClientInfo for a party behind the hub to the CPO; the answer is the CPO's.</summary>
    public Task<HttpResponseMessage> PutClientInfoAsync(string countryCode, string partyId, string status, DateTimeOffset lastUpdated, string role = "EMSP") =>
        SendToCpoAsync(HttpMethod.Put, ClientInfoUrl(countryCode, partyId), JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["country_code"] = countryCode,
            ["party_id"] = partyId,
            ["role"] = role,
            ["status"] = status,
            ["last_updated"] = lastUpdated.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
        }));

    public Task<HttpResponseMessage> GetClientInfoAsync(string countryCode, string partyId) =>
        SendToCpoAsync(HttpMethod.Get, ClientInfoUrl(countryCode, partyId));

    public string ClientInfoUrl(string countryCode, string partyId) =>
        $"{CpoHubClientInfoUrl ?? throw new InvalidOperationException("the CPO listed no hubclientinfo receiver")}/{countryCode}/{partyId}";
}
