using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi.Credentials;

/// <summary>OCPI Role (closed enum). <see cref="Hub"/> exists in 2.2.1 but was removed in 2.3.0.</summary>
[JsonConverter(typeof(OcpiEnumConverter<Role>))]
public enum Role
{
    [JsonStringEnumMemberName("CPO")] Cpo,
    [JsonStringEnumMemberName("EMSP")] Emsp,
    [JsonStringEnumMemberName("HUB")] Hub,
    [JsonStringEnumMemberName("NAP")] Nap,
    [JsonStringEnumMemberName("NSP")] Nsp,
    [JsonStringEnumMemberName("OTHER")] Other,
    [JsonStringEnumMemberName("SCSP")] Scsp,
}
