namespace StatusGrid.Contracts.ChargePoints;

/// <summary>
/// One TriggerMessage(StatusNotification) to send a station. OCPP 1.6: no EVSE or connector (a 1.6 station then
/// reports the station and each of its connectors). OCPP 2.0.1: the EVSE is required (F06.FR.13) and the connector
/// names one of its connectors when known.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StatusTrigger([property: Id(0)] int? EvseId, [property: Id(1)] int? ConnectorId)
{
    public static StatusTrigger WholeStation { get; } = new(null, null);
}
