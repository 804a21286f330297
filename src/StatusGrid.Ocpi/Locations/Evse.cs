using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI EVSE (2.2.1, plus the optional 2.3.0 additions <see cref="Parking"/> and <see cref="AcceptedServiceProviders"/>).</summary>
public sealed record Evse
{
    /// <summary>CiString(36), unique within the CPO platform and immutable.</summary>
    [JsonPropertyName("uid")]
    public required string Uid { get; init; }

    /// <summary>eMI3 EVSE ID, CiString(48).</summary>
    [JsonPropertyName("evse_id")]
    public string? EvseId { get; init; }

    [JsonPropertyName("status")]
    public required EvseStatus Status { get; init; }

    [JsonPropertyName("status_schedule")]
    public IReadOnlyList<StatusSchedule>? StatusSchedule { get; init => field = ValueList.From(value); }

    /// <summary>Capability values (see Capabilities).</summary>
    [JsonPropertyName("capabilities")]
    public IReadOnlyList<string>? Capabilities { get; init => field = ValueList.From(value); }

    [JsonPropertyName("connectors")]
    public required IReadOnlyList<Connector> Connectors { get; init => field = ValueList.From(value); }

    [JsonPropertyName("floor_level")]
    public string? FloorLevel { get; init; }

    [JsonPropertyName("coordinates")]
    public GeoLocation? Coordinates { get; init; }

    [JsonPropertyName("physical_reference")]
    public string? PhysicalReference { get; init; }

    [JsonPropertyName("directions")]
    public IReadOnlyList<DisplayText>? Directions { get; init => field = ValueList.From(value); }

    /// <summary>ParkingRestriction values (see ParkingRestrictions).</summary>
    [JsonPropertyName("parking_restrictions")]
    public IReadOnlyList<string>? ParkingRestrictions { get; init => field = ValueList.From(value); }

    [JsonPropertyName("images")]
    public IReadOnlyList<Image>? Images { get; init => field = ValueList.From(value); }

    /// <summary>2.3.0 only.</summary>
    [JsonPropertyName("parking")]
    public IReadOnlyList<EvseParking>? Parking { get; init => field = ValueList.From(value); }

    /// <summary>2.3.0 only.</summary>
    [JsonPropertyName("accepted_service_providers")]
    public IReadOnlyList<string>? AcceptedServiceProviders { get; init => field = ValueList.From(value); }

    [JsonPropertyName("last_updated")]
    public required DateTimeOffset LastUpdated { get; init; }
}
