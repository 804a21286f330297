using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi.Versions;

/// <summary>Which side of a module an endpoint is (closed enum, 2.2+).</summary>
[JsonConverter(typeof(OcpiEnumConverter<InterfaceRole>))]
public enum InterfaceRole
{
    /// <summary>The data owner's interface, which others pull from.</summary>
    [JsonStringEnumMemberName("SENDER")] Sender,

    /// <summary>The interface the data owner pushes to.</summary>
    [JsonStringEnumMemberName("RECEIVER")] Receiver,
}
