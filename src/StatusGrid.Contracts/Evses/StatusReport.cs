using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Contracts.Evses;

/// <summary>A status the charge point observed at <see cref="ObservedAt"/> (UTC, millisecond precision).</summary>
[GenerateSerializer, Immutable]
public sealed record StatusReport(
    [property: Id(0)] EvseStatus Status,
    [property: Id(1)] DateTimeOffset ObservedAt);
