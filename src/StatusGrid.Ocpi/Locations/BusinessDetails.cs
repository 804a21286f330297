using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Locations;

/// <summary>Operator, suboperator or owner details.</summary>
public sealed record BusinessDetails
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("website")]
    public string? Website { get; init; }

    [JsonPropertyName("logo")]
    public Image? Logo { get; init; }
}
