using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace StatusGrid.TestSupport.Emsp;

/// <summary>
/// The receiver's own copies, when <see cref="KeepsCopies"/> is on: what it took (answered 2xx) is kept with OCPI
/// semantics (a PUT replaces the Location, a PATCH updates fields of one of its EVSEs) and a GET of a Location or an
/// EVSE answers it, or 404 with OCPI 2003 when unknown. A CPO reads these to learn whether a push whose answer it
/// lost arrived.
/// </summary>
public sealed partial class MockEmsp
{
    private readonly Lock _copiesGate = new();
    private readonly Dictionary<string, JsonObject> _copies = new(StringComparer.Ordinal);

    /// <summary>Keep what was taken and answer GETs from it (off by default: the mock then answers every GET 1000).</summary>
    public bool KeepsCopies { get; set; }

    private IResult Copy(ReceivedPush push)
    {
        var segments = push.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3)
        {
            return Results.Json(new { status_code = 2001, status_message = "expected country_code/party_id/location_id", timestamp = Now() }, statusCode: 400);
        }

        var key = string.Join('/', segments[..3]);
        var evseUid = segments.Length > 3 ? segments[3] : null;
        lock (_copiesGate)
        {
            _copies.TryGetValue(key, out var location);
            var evse = evseUid is null ? null : Evse(location, evseUid);
            switch (push.Method)
            {
                case "GET" when location is not null && (evseUid is null || evse is not null):
                    return Envelope((evse ?? location).DeepClone());
                case "PUT" when evseUid is null:
                    _copies[key] = JsonNode.Parse(push.Body)!.AsObject();
                    return Success();
                case "PATCH" when evse is not null:
                    foreach (var (name, value) in JsonNode.Parse(push.Body)!.AsObject())
                    {
                        evse[name] = value?.DeepClone();
                    }

                    // A child's update is the Location's update too.
                    if (string.CompareOrdinal(evse["last_updated"]?.GetValue<string>(), location!["last_updated"]?.GetValue<string>()) > 0)
                    {
                        location["last_updated"] = evse["last_updated"]!.DeepClone();
                    }

                    return Success();
                default:
                    return Results.Json(new { status_code = 2003, status_message = "Unknown location or EVSE", timestamp = Now() }, statusCode: 404);
            }
        }
    }

    private static JsonObject? Evse(JsonObject? location, string uid) =>
        location?["evses"] is JsonArray evses
            ? evses.OfType<JsonObject>().FirstOrDefault(e => string.Equals(e["uid"]?.GetValue<string>(), uid, StringComparison.OrdinalIgnoreCase))
            : null;
}
