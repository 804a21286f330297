using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI ConnectorFormat (closed enum in every version).</summary>
[JsonConverter(typeof(OcpiEnumConverter<ConnectorFormat>))]
public enum ConnectorFormat
{
    [JsonStringEnumMemberName("SOCKET")] Socket,
    [JsonStringEnumMemberName("CABLE")] Cable,
}
