using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Versions;

/// <summary>One module endpoint; <see cref="Role"/> exists from 2.2 on.</summary>
public sealed record OcpiEndpoint
{
    /// <summary>ModuleID (see ModuleId); custom modules are allowed.</summary>
    [JsonPropertyName("identifier")]
    public required string Identifier { get; init; }

    /// <summary>SENDER or RECEIVER; absent in 2.1.1.</summary>
    [JsonPropertyName("role")]
    public InterfaceRole? Role { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }
}
