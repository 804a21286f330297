using System.Collections.Immutable;

namespace StatusGrid.Contracts.ChargePoints;

[GenerateSerializer, Immutable]
public sealed record ConnectorView(
    [property: Id(0)] int EvseId,
    [property: Id(1)] int ConnectorId,
    [property: Id(2)] ConnectorState State,
    [property: Id(3)] DateTimeOffset ObservedAt,
    [property: Id(4)] string? ErrorCode);

/// <summary>A charge point as the admin API shows it (no password material).</summary>
[GenerateSerializer, Immutable]
public sealed record ChargePointView(
    [property: Id(0)] string Identity,
    [property: Id(1)] ImmutableArray<EvseMapping> Connectors16,
    [property: Id(2)] ImmutableArray<EvseMapping> Evses201,
    [property: Id(3)] bool Connected,
    [property: Id(4)] OcppProtocol? Protocol,
    [property: Id(5)] bool Offline,
    [property: Id(6)] DateTimeOffset? LastSeen,
    [property: Id(7)] BootInfo? Boot,
    [property: Id(8)] ImmutableArray<ConnectorView> Connectors);
