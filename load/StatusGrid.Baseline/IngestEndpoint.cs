using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace StatusGrid.Baseline;

/// <summary>
/// <c>POST /api/status</c> with StatusGrid's body and answer shape. Parsed with JsonDocument as StatusGrid does, then
/// queued to every partner and sent to dashboards; answers at once (nothing is made durable).
/// </summary>
internal static class IngestEndpoint
{
    public static async Task<IResult> HandleAsync(HttpRequest request, LocationDirectory locations, Forwarder forwarder, IHubContext<BaselineHub> hub, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        var root = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("changes", out var changes) ? changes : document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            return Results.BadRequest();
        }

        var items = new List<HubItem>(root.GetArrayLength());
        var rejected = 0;
        foreach (var element in root.EnumerateArray())
        {
            if (Text(element, "location_id") is { } location && Text(element, "evse_uid") is { } evse && Text(element, "status") is { } status
                && Text(element, "observed_at") is { } observedAt && locations.TryGet(location, out var owner))
            {
                forwarder.Forward(new BaselineChange(owner.CountryCode, owner.PartyId, location, evse, status, observedAt));
                items.Add(new HubItem(location, evse, status, observedAt));
            }
            else
            {
                rejected++;
            }
        }

        if (items.Count > 0)
        {
            _ = hub.Clients.All.SendAsync("statusChanged", items, CancellationToken.None);
        }

        return Results.Json(new { received = items.Count + rejected, applied = items.Count, duplicates = 0, stale = 0, rejected, errors = Array.Empty<object>() });
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
