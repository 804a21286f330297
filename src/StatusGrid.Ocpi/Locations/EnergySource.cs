using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Locations;

/// <summary>Share of one energy source.</summary>
public sealed record EnergySource
{
    [JsonPropertyName("source")]
    public required EnergySourceCategory Source { get; init; }

    /// <summary>0 to 100.</summary>
    [JsonPropertyName("percentage")]
    public required decimal Percentage { get; init; }
}
