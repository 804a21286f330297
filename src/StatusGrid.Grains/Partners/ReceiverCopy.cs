using System.Text.Json;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// Whether the partner's own copy of an EVSE or Location (the data of a GET on its Locations receiver) is exactly
/// what a message would send: same status and same <c>last_updated</c> (to the millisecond OCPI carries), and for a
/// Location the same <c>last_updated</c> and every EVSE the same. Only an exact match counts: a copy that merely
/// looks newer (a partner that stamps its own times) is not proof that our message arrived.
/// </summary>
internal static class ReceiverCopy
{
    public static bool HoldsEvse(JsonElement evse, EvseStatus status, DateTimeOffset lastUpdated) =>
        evse.ValueKind == JsonValueKind.Object
        && evse.TryGetProperty("status", out var held) && held.ValueKind == JsonValueKind.String
        && EvseStatusNames.TryParse(held.GetString(), out var heldStatus) && heldStatus == status
        && SameInstant(evse, lastUpdated);

    public static bool HoldsLocation(JsonElement location, Location sent)
    {
        if (location.ValueKind != JsonValueKind.Object || !SameInstant(location, sent.LastUpdated))
        {
            return false;
        }

        var evses = sent.Evses ?? [];
        if (evses.Count == 0)
        {
            return true;
        }

        if (!location.TryGetProperty("evses", out var held) || held.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var byUid = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var evse in held.EnumerateArray())
        {
            if (evse.ValueKind == JsonValueKind.Object && evse.TryGetProperty("uid", out var uid) && uid.ValueKind == JsonValueKind.String)
            {
                byUid.TryAdd(uid.GetString()!, evse);
            }
        }

        return evses.All(e => byUid.TryGetValue(e.Uid, out var copy) && HoldsEvse(copy, e.Status, e.LastUpdated));
    }

    private static bool SameInstant(JsonElement item, DateTimeOffset expected) =>
        item.TryGetProperty("last_updated", out var text) && text.ValueKind == JsonValueKind.String
        && OcpiDateTime.TryParse(text.GetString(), out var held)
        && ToMilliseconds(held) == ToMilliseconds(expected);

    private static long ToMilliseconds(DateTimeOffset value) => value.ToUnixTimeMilliseconds();
}
