namespace StatusGrid.Storage;

/// <summary>
/// Per partner, the EVSE version last delivered. The outbox is derived from it: a partner still needs an EVSE
/// whose current version is higher than the one delivered, so nothing is lost on a crash and nothing stale is replayed.
/// </summary>
public interface IDeliveryLedger
{
    /// <summary>
    /// Records deliveries; a stored version never goes down. A document may come as <c>-v</c> (a row not stored yet is
    /// stored so): a PUT shaped by the filter before a change that reopened the row, delivered, yet still owing.
    /// </summary>
    Task RecordDeliveredAsync(string partnerId, IReadOnlyCollection<DeliveredVersion> delivered, CancellationToken cancellationToken = default);

    /// <summary>
    /// The versions delivered to the partner for <paramref name="evses"/>; an EVSE never delivered has no entry. A new
    /// activation of a partner reads these before its first push of an EVSE, so a late message with an older state
    /// is not sent after the newer one an earlier activation delivered.
    /// </summary>
    Task<IReadOnlyList<DeliveredVersion>> ReadDeliveredAsync(string partnerId, IReadOnlyCollection<EvseRef> evses, CancellationToken cancellationToken = default);

    /// <summary>
    /// Current statuses whose version is above what was delivered to the partner, at most <paramref name="limit"/>, in
    /// (location id, EVSE uid) order, after <paramref name="after"/> when given (to page through them).
    /// </summary>
    Task<IReadOnlyList<EvseStatusRecord>> ReadUndeliveredAsync(string partnerId, int limit, EvseRef? after = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Locations whose document version is above what was delivered to the partner (its
    /// <see cref="DeliveredVersion.Document"/> row), at most <paramref name="limit"/>, in id order, after
    /// <paramref name="afterId"/> when given. An edit that changed no status is owed by this, not by the EVSE outbox.
    /// </summary>
    Task<IReadOnlyList<UndeliveredLocation>> ReadUndeliveredLocationsAsync(string partnerId, int limit, string? afterId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the partner owe the documents of <paramref name="locationIds"/> again at the version it holds: a change of
    /// its filter altered whether it may see them, so it must get them once more, as they are or as their withdrawal.
    /// A document row above 0 becomes its negative (-v: "got v, owes it again"), which every document version exceeds
    /// and the next delivery overwrites; rows never delivered (none, or 0) are owed or not as before. Written before the
    /// filter is stored, so a crash between the two leaves a PUT owed, never a withdrawal lost.
    /// </summary>
    Task ReopenDocumentsAsync(string partnerId, IReadOnlyCollection<string> locationIds, CancellationToken cancellationToken = default);
}
