using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI EnergySourceCategory (closed, same in every version).</summary>
[JsonConverter(typeof(OcpiEnumConverter<EnergySourceCategory>))]
public enum EnergySourceCategory
{
    [JsonStringEnumMemberName("NUCLEAR")] Nuclear,
    [JsonStringEnumMemberName("GENERAL_FOSSIL")] GeneralFossil,
    [JsonStringEnumMemberName("COAL")] Coal,
    [JsonStringEnumMemberName("GAS")] Gas,
    [JsonStringEnumMemberName("GENERAL_GREEN")] GeneralGreen,
    [JsonStringEnumMemberName("SOLAR")] Solar,
    [JsonStringEnumMemberName("WIND")] Wind,
    [JsonStringEnumMemberName("WATER")] Water,
}
