using System.Text.Json;

namespace StatusGrid.Baseline;

/// <summary>Just enough of StatusGrid's admin API for the driver: import locations, register and list partners.</summary>
internal static class AdminEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/api/admin/locations/import", async (HttpRequest request, LocationDirectory locations, CancellationToken ct) =>
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, ct);
            var count = document.RootElement.EnumerateArray().Count(locations.Add);
            return Results.Json(new { received = count, created = count, updated = 0, unchanged = 0 });
        });
        app.MapPost("/api/admin/partners", async (HttpRequest request, Forwarder forwarder, CancellationToken ct) =>
        {
            var config = await JsonSerializer.DeserializeAsync<PartnerConfig>(request.Body, cancellationToken: ct);
            if (config is null)
            {
                return Results.BadRequest();
            }

            return forwarder.Upsert(config) ? Results.Created($"/api/admin/partners/{config.Id}", new { id = config.Id }) : Results.Ok(new { id = config.Id });
        });
        // Shaped like StatusGrid's page, so the driver reads both the same way.
        app.MapGet("/api/admin/partners", (Forwarder forwarder) =>
        {
            var items = forwarder.Partners.Select(p => new { id = p.Config.Id, health = p.Health() }).ToArray();
            return Results.Json(new { total = items.Length, offset = 0, limit = items.Length, items, unavailable = Array.Empty<object>() });
        });
    }
}
