using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Locations;

/// <summary>Text in one language (ISO 639-1 code).</summary>
public sealed record DisplayText
{
    [JsonPropertyName("language")]
    public required string Language { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }
}
