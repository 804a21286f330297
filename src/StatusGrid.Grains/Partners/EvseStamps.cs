using System.Text.Json;
using StatusGrid.Ocpi;

namespace StatusGrid.Grains.Partners;

/// <summary>The <c>last_updated</c> each EVSE has in a stored Location document, by EVSE uid.</summary>
internal sealed class EvseStamps
{
    public static readonly EvseStamps None = new([]);

    private readonly Dictionary<string, DateTimeOffset> _stamps;

    private EvseStamps(Dictionary<string, DateTimeOffset> stamps) => _stamps = stamps;

    /// <summary>Reads the stamps; a document it cannot read gives none (the store's times then stand alone).</summary>
    public static EvseStamps Of(string json)
    {
        var stamps = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.TryGetProperty("evses", out var evses) && evses.ValueKind == JsonValueKind.Array)
            {
                foreach (var evse in evses.EnumerateArray())
                {
                    if (evse.ValueKind == JsonValueKind.Object
                        && evse.TryGetProperty("uid", out var uid) && uid.ValueKind == JsonValueKind.String
                        && evse.TryGetProperty("last_updated", out var at) && at.ValueKind == JsonValueKind.String
                        && OcpiDateTime.TryParse(at.GetString(), out var stamp))
                    {
                        stamps[uid.GetString()!] = stamp;
                    }
                }
            }
        }
        catch (JsonException)
        {
            return None;
        }

        return new EvseStamps(stamps);
    }

    /// <summary>The later of <paramref name="changedAt"/> and the EVSE's document stamp.</summary>
    public DateTimeOffset AtLeast(string evseUid, DateTimeOffset changedAt) =>
        _stamps.TryGetValue(evseUid, out var stamp) && stamp > changedAt ? stamp : changedAt;
}
