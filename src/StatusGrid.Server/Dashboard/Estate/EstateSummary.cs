using System.Text.Json.Serialization;

namespace StatusGrid.Server.Dashboard.Estate;

/// <summary>
/// The public estate in numbers, and the narrowest box that holds it (null when empty; west exceeds east when it
/// crosses the antimeridian, <see cref="Viewport.LongitudeSpan"/>), so a new page can frame it.
/// </summary>
public sealed record EstateSummary(
    [property: JsonPropertyName("ready")] bool Ready,
    [property: JsonPropertyName("locations")] int Locations,
    [property: JsonPropertyName("evses")] int Evses,
    [property: JsonPropertyName("counts")] IReadOnlyDictionary<string, int> Counts,
    [property: JsonPropertyName("bbox")] double[]? Bbox);

/// <summary>One search hit: enough to fly there and open the popup.</summary>
public sealed record SearchHit(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("city")] string City,
    [property: JsonPropertyName("latitude")] double Latitude,
    [property: JsonPropertyName("longitude")] double Longitude,
    [property: JsonPropertyName("matched")] string Matched);
