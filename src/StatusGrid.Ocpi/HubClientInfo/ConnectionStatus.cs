using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi.HubClientInfo;

/// <summary>OCPI ConnectionStatus (HubClientInfo module, 2.2.1 and 2.3.0; closed enum).</summary>
[JsonConverter(typeof(OcpiEnumConverter<ConnectionStatus>))]
public enum ConnectionStatus
{
    /// <summary>The party is up: send to it again; it resyncs by GET.</summary>
    [JsonStringEnumMemberName("CONNECTED")] Connected,

    /// <summary>Not connected right now: send nothing, queue nothing.</summary>
    [JsonStringEnumMemberName("OFFLINE")] Offline,

    /// <summary>Announced but never connected yet: send nothing.</summary>
    [JsonStringEnumMemberName("PLANNED")] Planned,

    /// <summary>Gone for good (the hub's way to delete a ClientInfo): send nothing.</summary>
    [JsonStringEnumMemberName("SUSPENDED")] Suspended,
}
