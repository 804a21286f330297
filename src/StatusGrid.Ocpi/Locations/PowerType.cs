using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI PowerType (closed). The two-phase values do not exist in 2.1.1.</summary>
[JsonConverter(typeof(OcpiEnumConverter<PowerType>))]
public enum PowerType
{
    [JsonStringEnumMemberName("AC_1_PHASE")] Ac1Phase,
    [JsonStringEnumMemberName("AC_2_PHASE")] Ac2Phase,
    [JsonStringEnumMemberName("AC_2_PHASE_SPLIT")] Ac2PhaseSplit,
    [JsonStringEnumMemberName("AC_3_PHASE")] Ac3Phase,
    [JsonStringEnumMemberName("DC")] Dc,
}
