using System.Text.Json;
using StatusGrid.Contracts.Evses;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Server.Ingest;

/// <summary>
/// Reads a batch item by item, so one bad item gets its own error while the others go through.
/// Accepts <c>{"changes": [...]}</c> or a bare array.
/// </summary>
internal static class IngestParser
{
    private static readonly Dictionary<string, EvseStatus> Statuses = Enum.GetValues<EvseStatus>()
        .ToDictionary(s => JsonSerializer.Serialize(s).Trim('"'), s => s, StringComparer.Ordinal);

    /// <summary>Returns null and a message when the body as a whole is unusable.</summary>
    public static (List<IngestItem>? Items, List<IngestItemError> Errors, int Count, string? BodyError) Parse(
        JsonDocument document, DateTimeOffset now, TimeSpan maxSkew)
    {
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("changes", out var changes))
        {
            root = changes;
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            return (null, [], 0, "The body must be a JSON array of status changes, or an object with a \"changes\" array.");
        }

        var items = new List<IngestItem>(root.GetArrayLength());
        var errors = new List<IngestItemError>();
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            var error = TryParseItem(element, index, now, maxSkew, out var item);
            if (error is null)
            {
                items.Add(item!);
            }
            else
            {
                errors.Add(new IngestItemError(index, error));
            }

            index++;
        }

        return (items, errors, index, null);
    }

    private static string? TryParseItem(JsonElement element, int index, DateTimeOffset now, TimeSpan maxSkew, out IngestItem? item)
    {
        item = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return "Each item must be a JSON object.";
        }

        var locationId = String(element, "location_id");
        var evseUid = String(element, "evse_uid");
        var evseId = String(element, "evse_id");
        if (evseId is null && (locationId is null || evseUid is null))
        {
            return "Name the EVSE with location_id and evse_uid, or with evse_id.";
        }

        if (String(element, "status") is not { } statusText)
        {
            return "status is required (an OCPI EvseStatus such as AVAILABLE or CHARGING).";
        }

        if (!Statuses.TryGetValue(statusText, out var status))
        {
            return $"status '{statusText}' is not an OCPI EvseStatus ({string.Join(", ", Statuses.Keys)}).";
        }

        if (String(element, "observed_at") is not { } observedText)
        {
            return "observed_at is required (when the charge point observed the status, e.g. 2026-01-31T12:00:00Z).";
        }

        if (!OcpiDateTime.TryParse(observedText, out var observedAt, out var timeError))
        {
            return $"observed_at '{observedText}' is not a valid OCPI DateTime: {timeError}";
        }

        if (observedAt > now + maxSkew)
        {
            return $"observed_at '{observedText}' lies in the future (server time {OcpiDateTime.Format(now)}); check the charge point's clock.";
        }

        item = new IngestItem(index, locationId, evseUid, evseId, new StatusReport(status, observedAt));
        return null;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;
}
