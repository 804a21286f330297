using System.Text.Json;
using StatusGrid.Contracts.Evses;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Json;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Server.Http;

namespace StatusGrid.Server.Ingest;

/// <summary>
/// Reads a batch item by item, so one bad item gets its own error while the others go through.
/// Accepts <c>{"changes": [...]}</c> or a bare array. A property named twice is refused (the item, or the body when
/// it is the body object's), never resolved by taking one of the values.
/// </summary>
internal static class IngestParser
{
    /// <summary>Returns null and a message when the body as a whole is unusable.</summary>
    public static (List<IngestItem>? Items, List<IngestItemError> Errors, int Count, string? BodyError) Parse(
        JsonDocument document, DateTimeOffset now, TimeSpan maxSkew)
    {
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && NameError(root, "the body") is { } bodyError)
        {
            return (null, [], 0, bodyError);
        }

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

        if (NameError(element, "the item") is { } nameError)
        {
            return nameError;
        }

        // Ids are bounded as OCPI bounds them (CiString(36) for location and EVSE uid, string(48) for evse_id), so an
        // oversize id is refused here, before it reaches a grain key or an error message.
        string?[] fieldErrors =
        [
            Read(element, "location_id", 36, out var locationId),
            Read(element, "evse_uid", 36, out var evseUid),
            Read(element, "evse_id", 48, out var evseId),
            Read(element, "status", 32, out var statusText),
            Read(element, "observed_at", 64, out var observedText),
        ];
        if (Array.Find(fieldErrors, e => e is not null) is { } fieldError)
        {
            return fieldError;
        }

        if (evseId is null && (locationId is null || evseUid is null))
        {
            return "Name the EVSE with location_id and evse_uid, or with evse_id.";
        }

        if (statusText is null)
        {
            return "status is required (an OCPI EvseStatus such as AVAILABLE or CHARGING).";
        }

        if (!EvseStatusNames.TryParse(statusText, out var status))
        {
            return $"status '{statusText}' is not an OCPI EvseStatus ({string.Join(", ", EvseStatusNames.All)}).";
        }

        if (observedText is null)
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

    /// <summary>
    /// "status":"AVAILABLE","status":"OUTOFORDER" is two status changes in one: refused, never guessed at. A name that is
    /// not text is refused too (looking a property up in its object would throw).
    /// </summary>
    private static string? NameError(JsonElement element, string where) =>
        JsonNames.FirstRepeated(element, out var nameNotText) is { } repeated
            ? $"{repeated} appears more than once in {where}; which value is meant is ambiguous, send it once."
            : nameNotText ? $"A property name in {where} is not text (invalid UTF-8 or an escaped lone surrogate)." : null;

    /// <summary>
    /// Reads an optional string field: null value when absent, empty or not a string; an error (quoting at most a short
    /// prefix) when it is longer than <paramref name="maxLength"/> or not valid UTF-8.
    /// </summary>
    private static string? Read(JsonElement element, string name, int maxLength, out string? value)
    {
        value = null;
        if (!element.TryGetProperty(name, out var property) || property.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        string text;
        try
        {
            text = property.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return $"{name} is not valid UTF-8.";
        }

        if (text.Length > maxLength)
        {
            return $"{name} '{ClientText.Prefix(text)}' is {text.Length} characters long; at most {maxLength} are allowed.";
        }

        value = text.Length > 0 ? text : null;
        return null;
    }
}
