namespace StatusGrid.Storage.Estate;

/// <summary>
/// An EVSE's identity as a bulk import or its grain (on a Location put) stored it: the grain starts from this row.
/// <see cref="Key"/> is the EVSE grain's key and <see cref="EvseIdKey"/> the evse_id grain's (callers build both the
/// way the grains do); <see cref="DocumentLastUpdated"/> is the EVSE's last_updated in the stored document.
/// </summary>
public sealed record EvseMeta(
    string Key,
    string LocationId,
    string EvseUid,
    string? EvseId,
    string? EvseIdKey,
    string CountryCode,
    string PartyId,
    bool Publish,
    string Country,
    DateTimeOffset DocumentLastUpdated)
{
    /// <summary>The grain's observation horizon when it is later than the stored status (see EvseMetaState.Horizon).</summary>
    public DateTimeOffset? Horizon { get; init; }
}
