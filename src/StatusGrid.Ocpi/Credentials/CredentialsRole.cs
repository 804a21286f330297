using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Ocpi.Credentials;

/// <summary>One role a platform offers, with the party it acts as.</summary>
public sealed record CredentialsRole
{
    [JsonPropertyName("role")]
    public required Role Role { get; init; }

    [JsonPropertyName("business_details")]
    public required BusinessDetails BusinessDetails { get; init; }

    /// <summary>CiString(3).</summary>
    [JsonPropertyName("party_id")]
    public required string PartyId { get; init; }

    /// <summary>ISO 3166-1 alpha-2, CiString(2).</summary>
    [JsonPropertyName("country_code")]
    public required string CountryCode { get; init; }
}
