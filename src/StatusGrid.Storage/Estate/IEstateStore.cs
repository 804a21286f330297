namespace StatusGrid.Storage.Estate;

/// <summary>
/// Bulk import of new Locations in one transaction, EVSE identities (imported, or written by their grains), and the
/// lookups grains use to start from them (lazily, on first use). Location ids compare case-insensitively (OCPI CiString).
/// </summary>
public interface IEstateStore
{
    /// <summary>Which of <paramref name="locationIds"/> are stored already, upper-cased.</summary>
    Task<IReadOnlySet<string>> ExistingAsync(IReadOnlyCollection<string> locationIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores every Location that is still new, with its EVSEs and statuses, in one transaction: all of them or none.
    /// Returns the ids skipped because a Location with that id was stored meanwhile (those go through their grain).
    /// <paramref name="progress"/> gets the number of Locations written so far, now and then.
    /// </summary>
    Task<IReadOnlyList<string>> ImportAsync(IReadOnlyList<ImportedLocation> locations, IProgress<int>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>The stored Location whose id equals <paramref name="locationId"/> ignoring case.</summary>
    Task<StoredLocation?> FindLocationAsync(string locationId, CancellationToken cancellationToken = default);

    /// <summary>The stored identity of the EVSE grain <paramref name="key"/>.</summary>
    Task<EvseMeta?> FindEvseAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores an EVSE grain's identity (a Location put defined it, or its horizon moved), replacing the row of its key.
    /// Only that grain writes its row, so there is no race to settle; a replaced row keeps its import sequence.
    /// </summary>
    Task SaveEvseAsync(EvseMeta evse, CancellationToken cancellationToken = default);

    /// <summary>
    /// Raises the stored horizon of the EVSE <paramref name="key"/> to <paramref name="horizon"/> (never lowers it) and
    /// leaves its identity alone: a deactivating grain writes only what it learned, so an activation that outlived its
    /// silo's membership cannot put back an identity a later Location put changed.
    /// </summary>
    Task RaiseEvseHorizonAsync(string key, DateTimeOffset horizon, CancellationToken cancellationToken = default);

    /// <summary>The imported EVSE with the evse_id grain key <paramref name="evseIdKey"/> (the latest imported if several).</summary>
    Task<EvseMeta?> FindEvseIdAsync(string evseIdKey, CancellationToken cancellationToken = default);
}
