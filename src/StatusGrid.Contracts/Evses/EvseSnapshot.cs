using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Contracts.Evses;

[GenerateSerializer, Immutable]
public sealed record EvseSnapshot(
    [property: Id(0)] string LocationId,
    [property: Id(1)] string EvseUid,
    [property: Id(2)] EvseStatus Status,
    [property: Id(3)] DateTimeOffset LastUpdated,
    [property: Id(4)] long Version);
