using System.Collections.Concurrent;
using System.Text.Json;

namespace StatusGrid.Baseline;

/// <summary>
/// The only state the forwarder keeps: which country/party owns a location (the PATCH URL needs them). No documents,
/// no statuses, no storage.
/// </summary>
internal sealed class LocationDirectory
{
    private readonly ConcurrentDictionary<string, (string CountryCode, string PartyId)> _owners = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _owners.Count;

    public bool Add(JsonElement location)
    {
        if (location.ValueKind != JsonValueKind.Object
            || Text(location, "id") is not { } id || Text(location, "country_code") is not { } country || Text(location, "party_id") is not { } party)
        {
            return false;
        }

        _owners[id] = (country, party);
        return true;
    }

    public bool TryGet(string locationId, out (string CountryCode, string PartyId) owner) => _owners.TryGetValue(locationId, out owner);

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
