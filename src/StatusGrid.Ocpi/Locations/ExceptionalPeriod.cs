using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Locations;

/// <summary>A one-off opening or closing period in UTC.</summary>
public sealed record ExceptionalPeriod
{
    [JsonPropertyName("period_begin")]
    public required DateTimeOffset PeriodBegin { get; init; }

    [JsonPropertyName("period_end")]
    public required DateTimeOffset PeriodEnd { get; init; }
}
