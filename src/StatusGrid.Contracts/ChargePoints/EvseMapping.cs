namespace StatusGrid.Contracts.ChargePoints;

/// <summary>
/// Which of our EVSEs an OCPP number stands for: a 1.6 connectorId (≥ 1) or a 2.0.1 evseId (≥ 1). Several 1.6
/// connectors may name one EVSE (a twin-cable EVSE); their statuses are then combined.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EvseMapping(
    [property: Id(0)] int OcppId,
    [property: Id(1)] string LocationId,
    [property: Id(2)] string EvseUid);
