using System.Collections.Immutable;
using System.Text.Json;
using StatusGrid.Contracts.Locations;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Locations;

/// <summary>
/// Locations as partners and the map see them: the stored document with each EVSE's live status merged in. Statuses
/// are not copied into the document on every change (that would be a write per change), so every reader goes through
/// here: the Location grain (its own document), the OCPI Locations sender and the dashboard estate (pages of stored
/// documents). One status read per page, whatever its size.
/// </summary>
public sealed class LiveLocations(ILocationStore locations, IStatusStore statuses)
{
    /// <summary>One page of stored Locations with their live statuses; <c>TotalCount</c> counts every match.</summary>
    public async Task<(IReadOnlyList<LocationSnapshot> Items, int TotalCount)> QueryAsync(LocationQuery query, CancellationToken cancellationToken)
    {
        var page = await locations.QueryAsync(query, cancellationToken);
        if (page.Items.Count == 0)
        {
            return ([], page.TotalCount);
        }

        var live = (await statuses.ReadLocationsAsync([.. page.Items.Select(l => l.Id)], cancellationToken))
            .ToLookup(s => s.LocationId, StringComparer.OrdinalIgnoreCase);
        var items = new List<LocationSnapshot>(page.Items.Count);
        foreach (var stored in page.Items)
        {
            items.Add(Merge(JsonSerializer.Deserialize<Location>(stored.Json, OcpiJson.Options)!, live[stored.Id]));
        }

        return (items, page.TotalCount);
    }

    /// <summary>
    /// One stored Location with its live statuses, by its id as stored, or null. Partners' PUTs read here rather than
    /// through the Location grain: the grain holds nothing a read needs, and activating one per Location for every
    /// partner's PUT cost an Orleans activation each (≈ 2.2 KB, 22 MB for 10,000 Locations) until it went idle. A PUT
    /// read while a Put is under way sees the new statuses in the old document at worst; the Put's own PUT follows.
    /// </summary>
    public async Task<LocationSnapshot?> FindAsync(string locationId, CancellationToken cancellationToken = default) =>
        await locations.GetAsync(locationId, cancellationToken) is { } stored
            ? await ReadAsync(JsonSerializer.Deserialize<Location>(stored.Json, OcpiJson.Options)!, cancellationToken) with { DocumentVersion = stored.DocumentVersion }
            : null;

    /// <summary>One document (the Location grain's own copy) with its live statuses.</summary>
    public async Task<LocationSnapshot> ReadAsync(Location document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Merge(document, await statuses.ReadLocationsAsync([document.Id], cancellationToken));
    }

    /// <summary>
    /// Applies live statuses to a document. The EVSE grain already weighed the document's status against reports
    /// (Define), so its status wins; an EVSE's last_updated is the later of its document stamp and its status change,
    /// and the Location's the latest of its own and its EVSEs' (the OCPI parent rule).
    /// </summary>
    public static LocationSnapshot Merge(Location document, IEnumerable<EvseStatusRecord> statuses)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (byUid, twins) = Index(statuses);
        var versions = ImmutableDictionary.CreateBuilder<string, long>(StringComparer.OrdinalIgnoreCase);
        var lastUpdated = document.LastUpdated;
        var evses = new List<Evse>(document.Evses?.Count ?? 0);
        foreach (var evse in document.Evses ?? [])
        {
            var merged = evse;
            if (byUid.TryGetValue(evse.Uid, out var live))
            {
                live = twins is null ? live : Pick(evse.Uid, live, twins);
                versions[evse.Uid] = live.Version;
                merged = evse with { Status = live.Status, LastUpdated = live.LastUpdated > evse.LastUpdated ? live.LastUpdated : evse.LastUpdated };
            }

            if (merged.LastUpdated > lastUpdated)
            {
                lastUpdated = merged.LastUpdated;
            }

            evses.Add(merged);
        }

        return new LocationSnapshot(document with { Evses = evses, LastUpdated = lastUpdated }, versions.ToImmutable())
        {
            DocumentLastUpdated = document.LastUpdated,
        };
    }

    /// <summary>
    /// The rows by uid ignoring case, one dictionary per read (the live map reads every page through here). Since
    /// migration 17 the store holds one row per EVSE, so rows in a second spelling of a uid (<paramref name="statuses"/>
    /// from a database not yet migrated, or an in-memory store) are only set aside, and looked at only when there are some.
    /// </summary>
    private static (Dictionary<string, EvseStatusRecord> ByUid, List<EvseStatusRecord>? Twins) Index(IEnumerable<EvseStatusRecord> statuses)
    {
        var byUid = new Dictionary<string, EvseStatusRecord>(statuses.TryGetNonEnumeratedCount(out var count) ? count : 0, StringComparer.OrdinalIgnoreCase);
        List<EvseStatusRecord>? twins = null;
        foreach (var status in statuses)
        {
            if (!byUid.TryAdd(status.EvseUid, status))
            {
                (twins ??= []).Add(status);
            }
        }

        return (byUid, twins);
    }

    /// <summary>
    /// Of an EVSE's rows in several spellings, the one under the document's spelling (its grain writes that one), else
    /// the highest version.
    /// </summary>
    private static EvseStatusRecord Pick(string uid, EvseStatusRecord first, List<EvseStatusRecord> twins)
    {
        var picked = first;
        foreach (var twin in twins)
        {
            if (!string.Equals(twin.EvseUid, uid, StringComparison.OrdinalIgnoreCase) || picked.EvseUid == uid)
            {
                continue;
            }

            if (twin.EvseUid == uid || twin.Version > picked.Version)
            {
                picked = twin;
            }
        }

        return picked;
    }
}
