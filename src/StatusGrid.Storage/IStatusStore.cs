namespace StatusGrid.Storage;

/// <summary>
/// Durable EVSE statuses. Writes are group-committed: many concurrent callers share one transaction,
/// and each call completes only after that transaction committed.
/// </summary>
public interface IStatusStore
{
    Task<EvseStatusRecord?> ReadAsync(string locationId, string evseUid, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<EvseStatusRecord>> ReadLocationsAsync(IReadOnlyCollection<string> locationIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Upserts the record and, in the same transaction, raises the owning location's last_updated to at least
    /// <see cref="EvseStatusRecord.LastUpdated"/>. Completes when durable; throws if the commit failed, and throws
    /// <see cref="StatusWriteConflictException"/> when the table already holds this version or a newer one.
    /// </summary>
    Task WriteAsync(EvseStatusRecord record, CancellationToken cancellationToken = default);
}
