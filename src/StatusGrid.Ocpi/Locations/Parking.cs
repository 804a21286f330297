using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI 2.3.0 Parking place of a Location (for AFIR reporting).</summary>
public sealed record Parking
{
    /// <summary>CiString(36), unique within the Location.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("physical_reference")]
    public string? PhysicalReference { get; init; }

    /// <summary>VehicleType values (see VehicleTypes).</summary>
    [JsonPropertyName("vehicle_types")]
    public required IReadOnlyList<string> VehicleTypes { get; init => field = ValueList.From(value); }

    /// <summary>kg.</summary>
    [JsonPropertyName("max_vehicle_weight")]
    public decimal? MaxVehicleWeight { get; init; }

    /// <summary>cm.</summary>
    [JsonPropertyName("max_vehicle_height")]
    public decimal? MaxVehicleHeight { get; init; }

    /// <summary>cm.</summary>
    [JsonPropertyName("max_vehicle_length")]
    public decimal? MaxVehicleLength { get; init; }

    /// <summary>cm.</summary>
    [JsonPropertyName("max_vehicle_width")]
    public decimal? MaxVehicleWidth { get; init; }

    /// <summary>cm.</summary>
    [JsonPropertyName("parking_space_length")]
    public decimal? ParkingSpaceLength { get; init; }

    /// <summary>cm.</summary>
    [JsonPropertyName("parking_space_width")]
    public decimal? ParkingSpaceWidth { get; init; }

    [JsonPropertyName("dangerous_goods_allowed")]
    public bool? DangerousGoodsAllowed { get; init; }

    /// <summary>ParkingDirection value: PARALLEL, PERPENDICULAR or ANGLE.</summary>
    [JsonPropertyName("direction")]
    public string? Direction { get; init; }

    [JsonPropertyName("drive_through")]
    public bool? DriveThrough { get; init; }

    [JsonPropertyName("restricted_to_type")]
    public required bool RestrictedToType { get; init; }

    [JsonPropertyName("reservation_required")]
    public required bool ReservationRequired { get; init; }

    /// <summary>Minutes.</summary>
    [JsonPropertyName("time_limit")]
    public decimal? TimeLimit { get; init; }

    [JsonPropertyName("roofed")]
    public bool? Roofed { get; init; }

    [JsonPropertyName("images")]
    public IReadOnlyList<Image>? Images { get; init => field = ValueList.From(value); }

    [JsonPropertyName("lighting")]
    public bool? Lighting { get; init; }

    [JsonPropertyName("refrigeration_outlet")]
    public bool? RefrigerationOutlet { get; init; }

    [JsonPropertyName("standards")]
    public IReadOnlyList<string>? Standards { get; init => field = ValueList.From(value); }

    [JsonPropertyName("apds_reference")]
    public string? ApdsReference { get; init; }
}
