using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Storage;

namespace StatusGrid.Grains.ChargePoints;

/// <summary>The last status of one connector (1.6: EvseId 0 and the station-wide connectorId).</summary>
[GenerateSerializer]
public sealed class ConnectorRecord
{
    [Id(0)] public int EvseId { get; set; }
    [Id(1)] public int ConnectorId { get; set; }
    [Id(2)] public ConnectorState State { get; set; }
    [Id(3)] public DateTimeOffset ObservedAt { get; set; }
    [Id(4)] public string? ErrorCode { get; set; }

    public string Key() => Key(EvseId, ConnectorId);

    public static string Key(int evseId, int connectorId) => $"{evseId}/{connectorId}";

    /// <summary>Its row in the connector store, for the charge point grain keyed <paramref name="identity"/>.</summary>
    public ConnectorStatusRow ToRow(string identity) => new(identity, EvseId, ConnectorId, State.ToString(), ObservedAt, ErrorCode);

    /// <summary>A stored row; null for a state name this build does not know.</summary>
    public static ConnectorRecord? FromRow(ConnectorStatusRow row) =>
        Enum.TryParse<ConnectorState>(row.State, out var state)
            ? new ConnectorRecord { EvseId = row.EvseId, ConnectorId = row.ConnectorId, State = state, ObservedAt = row.ObservedAt, ErrorCode = row.ErrorCode }
            : null;
}
