using System.Text.Json.Serialization;

namespace StatusGrid.Baseline;

/// <summary>The fields of StatusGrid's partner admin body that a forwarder needs.</summary>
internal sealed record PartnerConfig(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("locations_url")] string LocationsUrl,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("country_code")] string CountryCode,
    [property: JsonPropertyName("party_id")] string PartyId,
    [property: JsonPropertyName("max_concurrency")] int? MaxConcurrency);
