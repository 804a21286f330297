namespace StatusGrid.Contracts.Evses;

[GenerateSerializer, Immutable]
public sealed record EvseAddress(
    [property: Id(0)] string LocationId,
    [property: Id(1)] string EvseUid);
