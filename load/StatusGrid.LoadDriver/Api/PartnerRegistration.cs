using System.Text.Json.Serialization;

namespace StatusGrid.LoadDriver.Api;

/// <summary>Body of <c>POST /api/admin/partners</c>: one mock eMSP of the fleet.</summary>
internal sealed record PartnerRegistration(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("ocpi_version")] string OcpiVersion,
    [property: JsonPropertyName("locations_url")] string LocationsUrl,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("country_code")] string CountryCode,
    [property: JsonPropertyName("party_id")] string PartyId,
    [property: JsonPropertyName("max_concurrency")] int MaxConcurrency,
    [property: JsonPropertyName("delivery_mode")] string DeliveryMode = "latest");
