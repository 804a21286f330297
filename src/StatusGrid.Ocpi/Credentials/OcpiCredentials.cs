using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Json;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Ocpi.Credentials;

/// <summary>OCPI 2.2.1/2.3.0 Credentials: the token the other party must use to call us, our versions URL and our roles.</summary>
public sealed record OcpiCredentials
{
    /// <summary>string(64), printable non-whitespace ASCII; raw here (Base64 is only for the HTTP header).</summary>
    [JsonPropertyName("token")]
    public required string Token { get; init; }

    /// <summary>The versions endpoint.</summary>
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("roles")]
    public required IReadOnlyList<CredentialsRole> Roles { get; init => field = ValueList.From(value); }

    /// <summary>2.3.0 only: the Hub's country code and party id joined, e.g. NLHUB.</summary>
    [JsonPropertyName("hub_party_id")]
    public string? HubPartyId { get; init; }
}
