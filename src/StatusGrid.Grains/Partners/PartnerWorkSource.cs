using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Fanout;
using StatusGrid.Grains.Locations;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// The stored facts a partner's pipeline starts from: its undelivered EVSEs (the derived outbox), the locations it may
/// see, and, for EVSEs a new activation is about to push, what was delivered and what is current.
/// </summary>
/// <remarks>
/// Every read runs on the thread pool, not on the caller's scheduler: a partner grain calls these on its turn, and
/// SQLite's reads are synchronous, so a reconcile reading 100,000 undelivered EVSEs held the partner (no answer
/// processed, no push sent, no health answered) for as long as the read took.
/// </remarks>
public sealed class PartnerWorkSource(IDeliveryLedger ledger, ILocationStore locations, IStatusStore statuses)
{
    private const int PageSize = 1000;

    private readonly LiveLocations _live = new(locations, statuses);

    /// <summary>A Location as a PUT carries it: the stored document with its live statuses (see <see cref="LiveLocations.FindAsync"/>).</summary>
    public Task<LocationSnapshot?> ReadLiveAsync(string locationId, CancellationToken cancellationToken = default) =>
        OffTurn(() => _live.FindAsync(locationId, cancellationToken), cancellationToken);

    /// <summary>What the ledger says was delivered to <paramref name="partnerId"/> of <paramref name="evses"/> (absent: nothing).</summary>
    public Task<IReadOnlyList<DeliveredVersion>> ReadDeliveredAsync(string partnerId, IReadOnlyCollection<EvseRef> evses, CancellationToken cancellationToken = default) =>
        OffTurn(() => ledger.ReadDeliveredAsync(partnerId, evses, cancellationToken), cancellationToken);

    /// <summary>
    /// Current states above the delivered version, of locations the filter allows, at most <paramref name="limit"/>.
    /// EVSEs the partner may not see are skipped, never recorded as delivered: if the filter widens they are owed.
    /// </summary>
    public Task<List<EvseStatusChange>> ReadUndeliveredAsync(string partnerId, PartnerFilter filter, int limit, CancellationToken cancellationToken = default) =>
        OffTurn(() => ReadUndeliveredPagesAsync(partnerId, filter, limit, cancellationToken), cancellationToken);

    /// <summary>
    /// Locations the filter allows whose stored document is newer than the one the partner last got, at most
    /// <paramref name="limit"/>: an edit that changed no status (a name, opening times) is owed by these alone.
    /// </summary>
    public Task<List<UndeliveredLocation>> ReadUndeliveredLocationsAsync(string partnerId, PartnerFilter filter, int limit, CancellationToken cancellationToken = default) =>
        OffTurn(() => ReadUndeliveredLocationPagesAsync(partnerId, filter, limit, cancellationToken), cancellationToken);

    /// <summary>Ids of the locations <paramref name="filter"/> allows and <paramref name="excluded"/> (if any) does not.</summary>
    public Task<List<string>> LocationIdsAsync(PartnerFilter filter, PartnerFilter? excluded = null, CancellationToken cancellationToken = default) =>
        OffTurn(() => LocationIdPagesAsync(filter, excluded, cancellationToken), cancellationToken);

    /// <summary>
    /// Ids of the locations <paramref name="filter"/> hides that the partner got a version of (its ledger has their
    /// document): each is owed, or was sent, its withdrawal.
    /// </summary>
    public Task<List<string>> WithdrawnLocationIdsAsync(string partnerId, PartnerFilter filter, CancellationToken cancellationToken = default) =>
        OffTurn(async () =>
        {
            var hidden = await LocationIdPagesAsync(new PartnerFilter { PublishedOnly = false }, filter, cancellationToken);
            var delivered = await ledger.ReadDeliveredAsync(partnerId, [.. hidden.Select(id => new EvseRef(id, DeliveredVersion.Document))], cancellationToken);
            return delivered.Where(d => d.Version != 0).Select(d => d.LocationId).ToList();
        }, cancellationToken);

    /// <summary>For each pending change: the version delivered (0 if none) and the current state (null if unknown).</summary>
    internal Task<List<(BacklogKey Key, long Delivered, EvseStatusChange? Current)>> VerifyAsync(
        string partnerId, IReadOnlyCollection<PendingChange> pending, CancellationToken cancellationToken = default) =>
        OffTurn(() => VerifyCoreAsync(partnerId, pending, cancellationToken), cancellationToken);

    private static Task<T> OffTurn<T>(Func<Task<T>> read, CancellationToken cancellationToken) => Task.Run(read, cancellationToken);

    private async Task<List<EvseStatusChange>> ReadUndeliveredPagesAsync(string partnerId, PartnerFilter filter, int limit, CancellationToken cancellationToken)
    {
        var found = new List<EvseStatusChange>();
        var cache = new Dictionary<string, (StoredLocation Location, EvseStamps Stamps)?>(StringComparer.OrdinalIgnoreCase);
        EvseRef? after = null;
        while (found.Count < limit)
        {
            var page = await ledger.ReadUndeliveredAsync(partnerId, PageSize, after, cancellationToken);
            foreach (var record in page)
            {
                if (!cache.TryGetValue(record.LocationId, out var held))
                {
                    cache[record.LocationId] = held = await ReadLocationAsync(record.LocationId, cancellationToken);
                }

                if (held is var (location, stamps) && filter.Allows(location.Id, location.Country, location.Publish) && found.Count < limit)
                {
                    found.Add(new EvseStatusChange(record.LocationId, record.EvseUid, location.CountryCode, location.PartyId, location.Publish,
                        record.Status, stamps.AtLeast(record.EvseUid, record.LastUpdated), record.Version) { Country = location.Country });
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = new EvseRef(page[^1].LocationId, page[^1].EvseUid);
        }

        return found;
    }

    private async Task<List<UndeliveredLocation>> ReadUndeliveredLocationPagesAsync(string partnerId, PartnerFilter filter, int limit, CancellationToken cancellationToken)
    {
        var found = new List<UndeliveredLocation>();
        string? after = null;
        while (found.Count < limit)
        {
            var page = await ledger.ReadUndeliveredLocationsAsync(partnerId, PageSize, after, cancellationToken);
            // A Location the filter hides now is owed too when the partner got a version of it: its withdrawal, whatever
            // hides it (unpublished, moved out of the partner's countries, or the filter narrowed, which reopens the
            // documents the partner held: IDeliveryLedger.ReopenDocumentsAsync). One it got only as a withdrawal gets
            // the withdrawal again after an edit of the hidden document; one it never got is never sent.
            found.AddRange(page.Where(l => l.DeliveredVersion != 0 || filter.Allows(l.Id, l.Country, l.Publish))
                .Take(limit - found.Count));
            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Id;
        }

        return found;
    }

    private async Task<List<string>> LocationIdPagesAsync(PartnerFilter filter, PartnerFilter? excluded, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await locations.QueryAsync(new LocationQuery(offset, PageSize), cancellationToken);
            ids.AddRange(page.Items
                .Where(l => filter.Allows(l.Id, l.Country, l.Publish) && excluded?.Allows(l.Id, l.Country, l.Publish) != true)
                .Select(l => l.Id));
            if (page.Items.Count < PageSize)
            {
                return ids;
            }
        }
    }

    private async Task<List<(BacklogKey Key, long Delivered, EvseStatusChange? Current)>> VerifyCoreAsync(
        string partnerId, IReadOnlyCollection<PendingChange> pending, CancellationToken cancellationToken)
    {
        var refs = pending.Select(p => new EvseRef(p.Change.LocationId, p.Change.EvseUid)).ToList();
        var delivered = (await ledger.ReadDeliveredAsync(partnerId, refs, cancellationToken))
            .ToDictionary(d => new BacklogKey(d.LocationId, d.EvseUid), d => d.Version);
        var locationIds = pending.Select(p => p.Change.LocationId).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var current = (await statuses.ReadLocationsAsync(locationIds, cancellationToken))
            .ToDictionary(r => new BacklogKey(r.LocationId, r.EvseUid));
        var stamps = new Dictionary<string, EvseStamps>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in locationIds)
        {
            stamps[id] = (await ReadLocationAsync(id, cancellationToken))?.Stamps ?? EvseStamps.None;
        }

        return
        [
            .. pending.Select(p =>
            {
                var key = BacklogKey.Of(p.Change);
                var now = current.TryGetValue(key, out var record)
                    ? p.Change with
                    {
                        Status = record.Status,
                        LastUpdated = stamps[p.Change.LocationId].AtLeast(record.EvseUid, record.LastUpdated),
                        Version = record.Version,
                        IsNew = false,
                    }
                    : null;
                return (key, delivered.GetValueOrDefault(key), now);
            }),
        ];
    }

    /// <summary>
    /// The stored location and its EVSEs' document stamps. A Location PUT carries each EVSE at the later of its status
    /// change and its document stamp (an edit StatusGrid stamped), and its answer may have been lost: a state sent
    /// from the store must carry at least that stamp, or the partner could get an older last_updated after a newer one.
    /// </summary>
    private async Task<(StoredLocation Location, EvseStamps Stamps)?> ReadLocationAsync(string locationId, CancellationToken cancellationToken) =>
        await locations.GetAsync(locationId, cancellationToken) is { } location ? (location, EvseStamps.Of(location.Json)) : null;
}
