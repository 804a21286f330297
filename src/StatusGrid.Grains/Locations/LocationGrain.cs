using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
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
public sealed class LocationGrain(
    [PersistentState("location", StorageNames.Grains)] IPersistentState<LocationState> state,
    ILocationStore locationStore,
    LiveLocations liveLocations,
    IEstateStore estate,
    IStatusFanout fanout,
    TimeProvider time) : Grain, ILocationGrain
{
    private Location? _document;

    /// <summary>
    /// SHA-256 of the stored JSON of <see cref="_document"/>: a Put that serializes to it changes nothing. A hash, not
    /// the JSON itself: partners' PUTs activate every Location grain, and the JSON string (UTF-16, about 1.4 KB for
    /// a 10-EVSE location) would sit beside the document in each of them until the grain is collected.
    /// </summary>
    private byte[]? _jsonHash;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<LocationPutOutcome> Put(Location location)
    {
        if (_document is null)
        {
            // Not found at activation: a bulk import may have stored it since.
            await LoadAsync(CancellationToken.None);
        }

        var created = _document is null;
        location = await KeepRemovedEvsesAsync(location);

        // An EVSE's status counts as observed at the last_updated the CPO sent, not at a stamp added below for some
        // other change: otherwise renaming an EVSE would re-assert a stale document status over the live one.
        var statusObservedAt = (location.Evses ?? []).ToDictionary(e => e.Uid, e => e.LastUpdated, StringComparer.OrdinalIgnoreCase);
        location = LastUpdatedRules.Apply(_document, location, Timestamps.ToMilliseconds(time.GetUtcNow()));
        var json = JsonSerializer.Serialize(location, OcpiJson.Options);
        var hash = Hash(json);
        if (_jsonHash is not null && hash.AsSpan().SequenceEqual(_jsonHash))
        {
            return LocationPutOutcome.Unchanged;
        }

        state.State.Json = json;
        await state.WriteStateAsync();
        state.State.Json = null; // stored; the document is what this activation works from
        _document = location;
        _jsonHash = hash;

        var evses = location.Evses ?? [];
        var defined = await Task.WhenAll(evses.Select(evse => DefineAsync(location, evse, statusObservedAt.GetValueOrDefault(evse.Uid, evse.LastUpdated))));

        var lastUpdated = defined.Aggregate(Timestamps.ToMilliseconds(location.LastUpdated), (max, s) => s.LastUpdated > max ? s.LastUpdated : max);
        await locationStore.UpsertAsync(new StoredLocation(location.Id, location.CountryCode, location.Country, location.PartyId, location.Publish, lastUpdated, json));
        fanout.PublishLocationPut(location.Id, location.Country, location.Publish);
        return created ? LocationPutOutcome.Created : LocationPutOutcome.Updated;
    }

    public async Task<LocationSnapshot?> Get()
    {
        if (_document is null)
        {
            await LoadAsync(CancellationToken.None);
            if (_document is null)
            {
                return null;
            }
        }

        return await liveLocations.ReadAsync(_document);
    }

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

    /// <summary>
    /// The document from grain state when a Put stored it, else the one a bulk import stored (<see cref="IEstateStore"/>):
    /// imported Locations have no grain state until their first edit.
    /// </summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var json = state.State.Json;
        state.State.Json = null; // only a Put writes the state, and it sets the JSON first
        if (json is null)
        {
            var key = this.GetPrimaryKeyString();
            json = (await estate.FindLocationAsync(key[(key.IndexOf('*', StringComparison.Ordinal) + 1)..], cancellationToken))?.Json;
        }

        if (json is not null)
        {
            _document = JsonSerializer.Deserialize<Location>(json, OcpiJson.Options);
            _jsonHash = Hash(json);
        }
    }

    private static byte[] Hash(string json) => SHA256.HashData(Encoding.UTF8.GetBytes(json));

    /// <summary>
    /// OCPI never deletes an EVSE: one missing from a new document is kept, set to REMOVED, so partners and pulls
    /// still see it (and see that it is gone).
    /// </summary>
    private async Task<Location> KeepRemovedEvsesAsync(Location location)
    {
        if (_document?.Evses is not { Count: > 0 } previous)
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
        var held = ((await liveLocations.ReadAsync(_document)).Location.Evses ?? []).ToDictionary(e => e.Uid, e => e.LastUpdated, StringComparer.OrdinalIgnoreCase);
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
