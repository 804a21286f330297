using System.Text.Json;
using StatusGrid.Contracts.Evses;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;
using StatusGrid.Storage.Estate;

namespace StatusGrid.Grains.Locations;

/// <summary>
/// The rows a new Location becomes in a bulk import: exactly what <see cref="LocationGrain.Put"/> and
/// <see cref="Evses.EvseGrain.Define"/> would store for it, written in one transaction instead of a grain write per
/// EVSE. Only for Locations not stored yet: an edit needs the previous document and goes through the grain.
/// </summary>
public static class LocationImportPlan
{
    public static ImportedLocation For(Location incoming, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var location = LastUpdatedRules.Apply(null, incoming, Timestamps.ToMilliseconds(now));
        var json = JsonSerializer.Serialize(location, OcpiJson.Options);
        var observedAt = (incoming.Evses ?? []).ToDictionary(e => e.Uid, e => e.LastUpdated, StringComparer.OrdinalIgnoreCase);
        var evses = location.Evses ?? [];
        var metas = new List<EvseMeta>(evses.Count);
        var statuses = new List<EvseStatusRecord>(evses.Count);
        var lastUpdated = Timestamps.ToMilliseconds(location.LastUpdated);
        foreach (var evse in evses)
        {
            var documentStamp = Timestamps.ToMilliseconds(evse.LastUpdated);
            metas.Add(new EvseMeta(EvseKey.Evse(location.Id, evse.Uid), location.Id, evse.Uid, evse.EvseId,
                evse.EvseId is { Length: > 0 } evseId ? EvseKey.EvseId(evseId) : null,
                location.CountryCode, location.PartyId, location.Publish, location.Country, documentStamp));

            // As Define publishes a new EVSE's first status: at its observation time, at least the document's stamp.
            var observed = Timestamps.ToMilliseconds(observedAt.GetValueOrDefault(evse.Uid, evse.LastUpdated));
            var published = observed > documentStamp ? observed : documentStamp;
            statuses.Add(new EvseStatusRecord(location.Id, evse.Uid, evse.Status, published, 1));
            if (published > lastUpdated)
            {
                lastUpdated = published;
            }
        }

        return new ImportedLocation(
            new StoredLocation(location.Id, location.CountryCode, location.Country, location.PartyId, location.Publish, lastUpdated, json),
            metas,
            statuses);
    }
}
