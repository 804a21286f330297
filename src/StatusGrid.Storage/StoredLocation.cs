namespace StatusGrid.Storage;

/// <summary>
/// A Location as served to OCPI pulls. <see cref="Json"/> is the OCPI 2.2.1 document as last put by the CPO
/// (EVSE statuses inside it may be older than <see cref="IStatusStore"/>'s, which win).
/// <see cref="LastUpdated"/> is the effective last_updated: the latest of the document's and of its EVSEs' changes.
/// <see cref="CountryCode"/> is the operating party's (alpha-2); <see cref="Country"/> is where the Location is (alpha-3),
/// which partner country filters match.
/// </summary>
public sealed record StoredLocation(
    string Id,
    string CountryCode,
    string Country,
    string PartyId,
    bool Publish,
    DateTimeOffset LastUpdated,
    string Json)
{
    /// <summary>
    /// The document's own version: raised by one on every stored change of <see cref="Json"/> (never by a status
    /// change). A partner is owed a PUT while it is above the version its delivery ledger holds for the document.
    /// </summary>
    public long DocumentVersion { get; init; }
}
