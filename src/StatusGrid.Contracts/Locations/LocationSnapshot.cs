using System.Collections.Immutable;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Contracts.Locations;

/// <summary>
/// A Location with live statuses, plus the status version of each EVSE it shows (by EVSE uid), so a partner that
/// receives this document can count those versions as delivered.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LocationSnapshot(
    [property: Id(0)] Location Location,
    [property: Id(1)] ImmutableDictionary<string, long> EvseVersions)
{
    /// <summary>
    /// The stored document's own last_updated, before the live statuses raised it: a message carrying other EVSE
    /// states than the live ones (an <c>ordered</c> PUT, captured when queued) derives its Location stamp from this.
    /// </summary>
    [Id(2)]
    public DateTimeOffset DocumentLastUpdated { get; init; }

    /// <summary>
    /// The stored document's version (<c>StoredLocation.DocumentVersion</c>) when read from the store, 0 otherwise: a
    /// partner's PUT of this snapshot delivers the document at this version (its delivery ledger records it).
    /// </summary>
    [Id(3)]
    public long DocumentVersion { get; init; }
}
