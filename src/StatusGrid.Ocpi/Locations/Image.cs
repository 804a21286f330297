using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI Image reference.</summary>
public sealed record Image
{
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("thumbnail")]
    public string? Thumbnail { get; init; }

    /// <summary>ImageCategory value (see ImageCategories).</summary>
    [JsonPropertyName("category")]
    public required string Category { get; init; }

    /// <summary>File type: gif, jpeg, png or svg.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("width")]
    public int? Width { get; init; }

    [JsonPropertyName("height")]
    public int? Height { get; init; }
}
