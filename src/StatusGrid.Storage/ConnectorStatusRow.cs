namespace StatusGrid.Storage;

/// <summary>
/// What one connector of a charge point last said (OCPP StatusNotification): the charge point grain's book, kept
/// apart from its grain state so every station's reports share group commits. 1.6 uses evse id 0 and the connector
/// id; 2.0.1 both. <paramref name="State"/> is the OCPP connector state's name.
/// </summary>
public sealed record ConnectorStatusRow(
    string Identity, int EvseId, int ConnectorId, string State, DateTimeOffset ObservedAt, string? ErrorCode);
