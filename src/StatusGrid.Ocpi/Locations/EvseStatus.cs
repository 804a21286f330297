using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI EVSE status (closed enum in 2.1.1, 2.2.1 and 2.3.0).</summary>
[JsonConverter(typeof(OcpiEnumConverter<EvseStatus>))]
public enum EvseStatus
{
    [JsonStringEnumMemberName("AVAILABLE")] Available,
    [JsonStringEnumMemberName("BLOCKED")] Blocked,
    [JsonStringEnumMemberName("CHARGING")] Charging,
    [JsonStringEnumMemberName("INOPERATIVE")] Inoperative,
    [JsonStringEnumMemberName("OUTOFORDER")] OutOfOrder,
    [JsonStringEnumMemberName("PLANNED")] Planned,
    [JsonStringEnumMemberName("REMOVED")] Removed,
    [JsonStringEnumMemberName("RESERVED")] Reserved,
    [JsonStringEnumMemberName("UNKNOWN")] Unknown,
}
