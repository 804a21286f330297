using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi.Versions;

/// <summary>The endpoints a party offers for one version.</summary>
public sealed record VersionDetails
{
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    [JsonPropertyName("endpoints")]
    public required IReadOnlyList<OcpiEndpoint> Endpoints { get; init => field = ValueList.From(value); }
}
