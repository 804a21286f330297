namespace StatusGrid.Contracts.ChargePoints;

/// <summary>
/// One StatusNotification. <see cref="EvseId"/> is 0 for 1.6 (which numbers connectors across the station) and the
/// 2.0.1 evseId otherwise. <see cref="ObservedAt"/> is the OCPP timestamp (receipt time when a 1.6 station omits it).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConnectorStatusReport(
    [property: Id(0)] int EvseId,
    [property: Id(1)] int ConnectorId,
    [property: Id(2)] ConnectorState State,
    [property: Id(3)] DateTimeOffset ObservedAt,
    [property: Id(4)] string? ErrorCode = null);
