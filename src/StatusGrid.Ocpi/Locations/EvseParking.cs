using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI 2.3.0 link from an EVSE to a Parking place of its Location.</summary>
public sealed record EvseParking
{
    [JsonPropertyName("parking_id")]
    public required string ParkingId { get; init; }

    /// <summary>EVSEPosition value: LEFT, RIGHT or CENTER.</summary>
    [JsonPropertyName("evse_position")]
    public string? EvsePosition { get; init; }
}
