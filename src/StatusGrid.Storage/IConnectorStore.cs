namespace StatusGrid.Storage;

/// <summary>
/// Durable connector statuses per charge point. Writes are group-committed like EVSE statuses: every station's
/// StatusNotification shares a transaction (one fsync) with the others of the moment, instead of one grain-state
/// write (and fsync) each.
/// </summary>
public interface IConnectorStore
{
    Task<IReadOnlyList<ConnectorStatusRow>> ReadAsync(string identity, CancellationToken cancellationToken = default);

    /// <summary>
    /// Upserts the connector's row unless the stored one was observed later (a stale write never replaces it).
    /// Completes when durable; throws if the commit failed.
    /// </summary>
    Task WriteAsync(ConnectorStatusRow row, CancellationToken cancellationToken = default);

    /// <summary>Forgets every connector of the charge point (removed, or its protocol changed).</summary>
    Task DeleteAsync(string identity, CancellationToken cancellationToken = default);
}
