using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Locations;

/// <summary>Weekly opening period in local time.</summary>
public sealed record RegularHours
{
    /// <summary>1 = Monday ... 7 = Sunday.</summary>
    [JsonPropertyName("weekday")]
    public required int Weekday { get; init; }

    /// <summary>HH:mm local time.</summary>
    [JsonPropertyName("period_begin")]
    public required string PeriodBegin { get; init; }

    /// <summary>HH:mm local time.</summary>
    [JsonPropertyName("period_end")]
    public required string PeriodEnd { get; init; }
}
