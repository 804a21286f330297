using StatusGrid.Contracts.ChargePoints;

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

    public static string Key(int evseId, int connectorId) => $"{evseId}/{connectorId}";
}
