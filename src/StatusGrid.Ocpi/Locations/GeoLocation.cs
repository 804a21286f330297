using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Locations;

/// <summary>WGS84 coordinates; OCPI sends them as strings.</summary>
public sealed record GeoLocation
{
    [JsonPropertyName("latitude")]
    public required string Latitude { get; init; }

    [JsonPropertyName("longitude")]
    public required string Longitude { get; init; }
}
