using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Ocpi.Credentials;

/// <summary>OCPI 2.1.1 Credentials: flat, one party, no roles.</summary>
public sealed record CredentialsV211
{
    /// <summary>string(64), printable non-whitespace ASCII.</summary>
    [JsonPropertyName("token")]
    public required string Token { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("business_details")]
    public required BusinessDetails BusinessDetails { get; init; }

    /// <summary>string(3).</summary>
    [JsonPropertyName("party_id")]
    public required string PartyId { get; init; }

    /// <summary>string(2).</summary>
    [JsonPropertyName("country_code")]
    public required string CountryCode { get; init; }
}
