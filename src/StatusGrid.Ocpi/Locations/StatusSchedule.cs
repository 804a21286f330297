using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Locations;

/// <summary>A planned status period; informational only.</summary>
public sealed record StatusSchedule
{
    [JsonPropertyName("period_begin")]
    public required DateTimeOffset PeriodBegin { get; init; }

    [JsonPropertyName("period_end")]
    public DateTimeOffset? PeriodEnd { get; init; }

    [JsonPropertyName("status")]
    public required EvseStatus Status { get; init; }
}
