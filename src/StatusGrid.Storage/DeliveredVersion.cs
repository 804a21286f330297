namespace StatusGrid.Storage;

/// <summary>
/// A version delivered to (or refused by) a partner: of an EVSE's status, or, with <see cref="Document"/> as
/// <see cref="EvseUid"/>, of a Location document (<see cref="StoredLocation.DocumentVersion"/>).
/// </summary>
public sealed record DeliveredVersion(string LocationId, string EvseUid, long Version)
{
    /// <summary>
    /// The EVSE uid a Location document's own row has in the ledger. An OCPI uid is never empty (it is required and
    /// validated), so the row can be no EVSE's; it shares the ledger's table, batching and group commit.
    /// </summary>
    public const string Document = "";

    /// <summary>A Location document delivered (or refused) at <paramref name="documentVersion"/>.</summary>
    public static DeliveredVersion OfDocument(string locationId, long documentVersion) => new(locationId, Document, documentVersion);
}
