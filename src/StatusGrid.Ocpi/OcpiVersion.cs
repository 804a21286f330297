using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi;

/// <summary>The OCPI versions StatusGrid speaks. JSON form is the VersionNumber string, e.g. "2.2.1".</summary>
[JsonConverter(typeof(OcpiEnumConverter<OcpiVersion>))]
public enum OcpiVersion
{
    [JsonStringEnumMemberName("2.1.1")] V211,
    [JsonStringEnumMemberName("2.2.1")] V221,
    [JsonStringEnumMemberName("2.3.0")] V230,
}
