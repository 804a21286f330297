using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Locations;

/// <summary>Token that may see a non-published Location; at least one of uid, visual_number, group_id.</summary>
public sealed record PublishTokenType
{
    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    /// <summary>TokenType value (see TokenTypes); required when Uid is set.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("visual_number")]
    public string? VisualNumber { get; init; }

    /// <summary>Required when VisualNumber is set.</summary>
    [JsonPropertyName("issuer")]
    public string? Issuer { get; init; }

    [JsonPropertyName("group_id")]
    public string? GroupId { get; init; }
}
