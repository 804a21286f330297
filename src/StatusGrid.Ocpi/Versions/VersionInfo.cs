using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Versions;

/// <summary>One entry of the versions list: a VersionNumber and the URL of its version details.</summary>
public sealed record VersionInfo
{
    /// <summary>VersionNumber string, e.g. "2.2.1" (see VersionNumbers); a string because partners list 2.0, 2.2 etc.</summary>
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }
}
