using System.Text.Json;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Server.Dashboard.Estate;

/// <summary>OCPI names of EVSE statuses (AVAILABLE, OUTOFORDER, ...), computed once.</summary>
public static class StatusNames
{
    private static readonly Dictionary<EvseStatus, string> Names =
        Enum.GetValues<EvseStatus>().ToDictionary(s => s, s => JsonSerializer.Serialize(s).Trim('"'));

    public static string Of(EvseStatus status) => Names[status];
}
