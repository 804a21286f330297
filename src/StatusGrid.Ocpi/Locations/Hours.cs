using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi.Locations;

/// <summary>Opening times of a Location.</summary>
public sealed record Hours
{
    [JsonPropertyName("twentyfourseven")]
    public required bool Twentyfourseven { get; init; }

    [JsonPropertyName("regular_hours")]
    public IReadOnlyList<RegularHours>? RegularHours { get; init => field = ValueList.From(value); }

    [JsonPropertyName("exceptional_openings")]
    public IReadOnlyList<ExceptionalPeriod>? ExceptionalOpenings { get; init => field = ValueList.From(value); }

    [JsonPropertyName("exceptional_closings")]
    public IReadOnlyList<ExceptionalPeriod>? ExceptionalClosings { get; init => field = ValueList.From(value); }
}
