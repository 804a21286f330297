using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Locations;

/// <summary>A related point, such as an entrance, with an optional name.</summary>
public sealed record AdditionalGeoLocation
{
    [JsonPropertyName("latitude")]
    public required string Latitude { get; init; }

    [JsonPropertyName("longitude")]
    public required string Longitude { get; init; }

    [JsonPropertyName("name")]
    public DisplayText? Name { get; init; }
}
