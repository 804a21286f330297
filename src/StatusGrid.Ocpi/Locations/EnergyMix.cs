using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi.Locations;

/// <summary>Energy supplied at a Location.</summary>
public sealed record EnergyMix
{
    [JsonPropertyName("is_green_energy")]
    public required bool IsGreenEnergy { get; init; }

    [JsonPropertyName("energy_sources")]
    public IReadOnlyList<EnergySource>? EnergySources { get; init => field = ValueList.From(value); }

    [JsonPropertyName("environ_impact")]
    public IReadOnlyList<EnvironmentalImpact>? EnvironImpact { get; init => field = ValueList.From(value); }

    [JsonPropertyName("supplier_name")]
    public string? SupplierName { get; init; }

    [JsonPropertyName("energy_product_name")]
    public string? EnergyProductName { get; init; }
}
