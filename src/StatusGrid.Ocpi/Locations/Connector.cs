using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI Connector (2.2.1, plus the optional 2.3.0 <see cref="Capabilities"/>).</summary>
public sealed record Connector
{
    /// <summary>CiString(36), unique within its EVSE.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>ConnectorType value (see ConnectorTypes).</summary>
    [JsonPropertyName("standard")]
    public required string Standard { get; init; }

    [JsonPropertyName("format")]
    public required ConnectorFormat Format { get; init; }

    [JsonPropertyName("power_type")]
    public required PowerType PowerType { get; init; }

    /// <summary>Volts; line-to-neutral for AC_3_PHASE.</summary>
    [JsonPropertyName("max_voltage")]
    public required int MaxVoltage { get; init; }

    [JsonPropertyName("max_amperage")]
    public required int MaxAmperage { get; init; }

    /// <summary>Watts, when the real limit is below voltage times amperage.</summary>
    [JsonPropertyName("max_electric_power")]
    public int? MaxElectricPower { get; init; }

    [JsonPropertyName("tariff_ids")]
    public IReadOnlyList<string>? TariffIds { get; init => field = ValueList.From(value); }

    [JsonPropertyName("terms_and_conditions")]
    public string? TermsAndConditions { get; init; }

    /// <summary>2.3.0 only: ConnectorCapability values (see ConnectorCapabilities).</summary>
    [JsonPropertyName("capabilities")]
    public IReadOnlyList<string>? Capabilities { get; init => field = ValueList.From(value); }

    [JsonPropertyName("last_updated")]
    public required DateTimeOffset LastUpdated { get; init; }
}
