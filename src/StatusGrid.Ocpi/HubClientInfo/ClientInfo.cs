using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Credentials;

namespace StatusGrid.Ocpi.HubClientInfo;

/// <summary>OCPI ClientInfo: what a hub says about one party connected to it (HubClientInfo module).</summary>
public sealed record ClientInfo
{
    /// <summary>CiString(3): the party the object describes.</summary>
    [JsonPropertyName("party_id")]
    public required string PartyId { get; init; }

    /// <summary>ISO 3166-1 alpha-2, CiString(2).</summary>
    [JsonPropertyName("country_code")]
    public required string CountryCode { get; init; }

    [JsonPropertyName("role")]
    public required Role Role { get; init; }

    [JsonPropertyName("status")]
    public required ConnectionStatus Status { get; init; }

    [JsonPropertyName("last_updated")]
    public required DateTimeOffset LastUpdated { get; init; }
}
