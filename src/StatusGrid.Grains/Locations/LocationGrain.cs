using System.Collections.Immutable;
using System.Text.Json;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Grains.Fanout;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;
using StatusGrid.Storage.Estate;

namespace StatusGrid.Grains.Locations;

/// <summary>
/// Owns one Location document. Statuses are not copied into it on every change (that would be a write per change);
/// they are merged in when the Location is read (<see cref="LiveLocations"/>), and the effective last_updated is the
/// latest of the document's and its EVSEs' (the OCPI parent rule).
/// </summary>
/// <remarks>
/// The grain keeps nothing between calls: the stored row (the <c>locations</c> table, written by a Put or a bulk
/// import) is the document partners, pulls and the map have, so every call reads it (partners' PUTs read the row
/// without the grain: <see cref="LiveLocations.FindAsync"/>). Kept in memory, the parsed document (about 5 KB for 10
/// EVSEs) sat in every active Location grain; and a Put whose store write failed had already taken the new document as
/// current, so sending it again answered "unchanged" and it never reached the store or any partner.
/// </remarks>
public sealed class LocationGrain(
    ILocationStore locationStore,
    LiveLocations liveLocations,
    IEstateStore estate,
    IStatusFanout fanout,
    TimeProvider time) : Grain, ILocationGrain
{
    public Task<LocationPutOutcome> Put(Location location) => StoreAsync(location, ImmutableDictionary<string, DateTimeOffset>.Empty);

    public Task<LocationPutOutcome> PutEdited(Location location, ImmutableDictionary<string, DateTimeOffset> statusesReadAt) =>
        StoreAsync(location, statusesReadAt);

    /// <param name="redefine">Define the EVSEs even when the document is unchanged (see the catch below).</param>
    private async Task<LocationPutOutcome> StoreAsync(Location location, ImmutableDictionary<string, DateTimeOffset> statusesReadAt, bool redefine = false)
    {
        var incoming = location;
        var stored = await ReadStoredAsync();
        var previous = stored?.Document;
        if (previous is not null && !string.Equals(previous.Id, location.Id, StringComparison.Ordinal))
        {
            // Ids are CiStrings: "loc-1" names the stored "LOC-1" (this grain's key is the upper-cased id), so the
            // stored spelling stays; storing the new one would add a second row for the same Location.
            location = location with { Id = previous.Id };
        }

        location = await KeepRemovedEvsesAsync(previous, KeepStoredUids(previous, location));

        // An EVSE's status counts as observed at the last_updated the CPO sent, not at a stamp added below for some
        // other change: otherwise renaming an EVSE would re-assert a stale document status over the live one. A status
        // an edit only carried along from its read counts as observed when read: the edit raised the EVSE's
        // last_updated, and a report accepted between that read and now must not lose to the older status.
        var readAt = statusesReadAt.IsEmpty ? statusesReadAt : statusesReadAt.WithComparers(StringComparer.OrdinalIgnoreCase);
        var statusObservedAt = (location.Evses ?? []).ToDictionary(
            e => e.Uid, e => readAt.TryGetValue(e.Uid, out var read) ? read : e.LastUpdated, StringComparer.OrdinalIgnoreCase);
        location = LastUpdatedRules.Apply(previous, location, Timestamps.ToMilliseconds(time.GetUtcNow()));
        var json = JsonSerializer.Serialize(location, OcpiJson.Options);
        if (!redefine && stored is not null && string.Equals(stored.Value.Json, json, StringComparison.Ordinal))
        {
            return LocationPutOutcome.Unchanged;
        }

        var evses = location.Evses ?? [];
        var defined = await Task.WhenAll(evses.Select(evse => DefineAsync(location, evse, statusObservedAt.GetValueOrDefault(evse.Uid, evse.LastUpdated))));

        var lastUpdated = defined.Aggregate(Timestamps.ToMilliseconds(location.LastUpdated), (max, s) => s.LastUpdated > max ? s.LastUpdated : max);
        try
        {
            await locationStore.UpsertAsync(new StoredLocation(location.Id, location.CountryCode, location.Country, location.PartyId, location.Publish, lastUpdated, json));
        }
        catch (LocationIdConflictException) when (stored is null)
        {
            // An import stored this Location in another spelling after the read above (two writers at once): this
            // document was weighed as a new Location, so it is weighed again against the stored one, as if it had come
            // just after the import. Its EVSEs are defined again even if the document turns out unchanged: they were
            // just given this spelling, and must take the stored one (the status rows pulls read).
            return await StoreAsync(incoming, statusesReadAt, redefine: true);
        }

        // Handed over in memory only, and answered without waiting: the upsert raised the row's document_version, so
        // partners' reconciles owe this PUT until their ledger holds that version (a crash or restart loses nothing).
        fanout.PublishLocationPut(location.Id, location.Country, location.Publish, wasPublished: previous?.Publish == true, wasCountry: previous?.Country);
        return stored is null ? LocationPutOutcome.Created : LocationPutOutcome.Updated;
    }

    public async Task<LocationSnapshot?> Get() =>
        await ReadStoredAsync() is { } stored ? await liveLocations.ReadAsync(stored.Document) : null;

    private async Task<EvseSnapshot> DefineAsync(Location location, Evse evse, DateTimeOffset statusObservedAt)
    {
        var snapshot = await GrainFactory.GetGrain<IEvseGrain>(EvseKey.Evse(location.Id, evse.Uid)).Define(new EvseDefinition(
            location.Id, evse.Uid, evse.EvseId, location.CountryCode, location.PartyId, location.Publish, evse.Status, statusObservedAt, location.Country)
        {
            DocumentLastUpdated = evse.LastUpdated,
        });
        if (evse.EvseId is { Length: > 0 } evseId)
        {
            await GrainFactory.GetGrain<IEvseIdGrain>(EvseKey.EvseId(evseId)).Assign(new EvseAddress(location.Id, evse.Uid));
        }

        return snapshot;
    }

    /// <summary>The stored document and its JSON, or null when this Location was never stored.</summary>
    private async Task<(Location Document, string Json)?> ReadStoredAsync()
    {
        var key = this.GetPrimaryKeyString();
        var json = (await estate.FindLocationAsync(key[(key.IndexOf('*', StringComparison.Ordinal) + 1)..]))?.Json;
        return json is null ? null : (JsonSerializer.Deserialize<Location>(json, OcpiJson.Options)!, json);
    }

    /// <summary>
    /// EVSE uids are CiStrings too: "e1" names the stored "E1" (one EVSE grain, keyed by the upper-cased uid), so it keeps
    /// the stored spelling. Taking the new one would give the EVSE a second status row, and partners PATCHes under a
    /// uid they were never sent.
    /// </summary>
    private static Location KeepStoredUids(Location? previous, Location location)
    {
        if (previous?.Evses is not { Count: > 0 } stored || location.Evses is not { Count: > 0 } incoming)
        {
            return location;
        }

        var spelling = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var evse in stored)
        {
            spelling.TryAdd(evse.Uid, evse.Uid);
        }

        return incoming.Any(e => spelling.TryGetValue(e.Uid, out var uid) && uid != e.Uid)
            ? location with { Evses = [.. incoming.Select(e => spelling.TryGetValue(e.Uid, out var uid) ? e with { Uid = uid } : e)] }
            : location;
    }

    /// <summary>
    /// OCPI never deletes an EVSE: one missing from a new document is kept, set to REMOVED, so partners and pulls
    /// still see it (and see that it is gone).
    /// </summary>
    private async Task<Location> KeepRemovedEvsesAsync(Location? document, Location location)
    {
        if (document?.Evses is not { Count: > 0 } previous)
        {
            return location;
        }

        var incoming = location.Evses ?? [];
        var uids = incoming.Select(e => e.Uid).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (previous.All(e => uids.Contains(e.Uid)))
        {
            return location;
        }

        // Removed now, and after the stamp partners hold (the document's or a live status's): a clock running ahead
        // (within MaxClockSkew) may have stamped the EVSE in the future, and a removal stamped before that would count
        // as older than the status it replaces and not apply.
        var held = ((await liveLocations.ReadAsync(document)).Location.Evses ?? []).ToDictionary(e => e.Uid, e => e.LastUpdated, StringComparer.OrdinalIgnoreCase);
        var now = Timestamps.ToMilliseconds(time.GetUtcNow());
        var removed = previous.Where(e => !uids.Contains(e.Uid)).Select(e =>
        {
            if (e.Status == EvseStatus.Removed)
            {
                return e;
            }

            var after = held.GetValueOrDefault(e.Uid, e.LastUpdated);
            return e with { Status = EvseStatus.Removed, LastUpdated = now > after ? now : after.AddMilliseconds(1) };
        });
        return location with { Evses = [.. incoming, .. removed] };
    }
}
