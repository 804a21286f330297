using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Locations;

/// <summary>Environmental impact in g/kWh (2.1.1 calls the category field "source").</summary>
public sealed record EnvironmentalImpact
{
    /// <summary>EnvironmentalImpactCategory value (see EnvironmentalImpactCategories).</summary>
    [JsonPropertyName("category")]
    public required string Category { get; init; }

    [JsonPropertyName("amount")]
    public required decimal Amount { get; init; }
}
