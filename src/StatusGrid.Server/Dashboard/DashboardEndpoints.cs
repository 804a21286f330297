using System.Text.Json;
using StatusGrid.Grains.Locations;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;

namespace StatusGrid.Server.Dashboard;

/// <summary>The live page: a paged snapshot to start from, then deltas over the hub.</summary>
public static class DashboardEndpoints
{
    private const int MaxPage = 1000;

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHub<StatusHub>(StatusHub.Path);
        app.MapGet("/api/dashboard/locations", SnapshotAsync).WithTags("Dashboard");
        return app;
    }

    private static async Task<IResult> SnapshotAsync(ILocationStore locations, IStatusStore statuses, int? offset, int? limit, CancellationToken ct)
    {
        if (offset is < 0 || limit is < 1)
        {
            return Results.Problem("offset must be 0 or more and limit 1 or more.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid paging");
        }

        var page = await locations.QueryAsync(new LocationQuery(offset ?? 0, Math.Min(limit ?? MaxPage, MaxPage)), ct);
        var live = (await statuses.ReadLocationsAsync(page.Items.Select(l => l.Id).ToList(), ct))
            .ToLookup(s => s.LocationId, StringComparer.OrdinalIgnoreCase);
        var items = page.Items.Select(stored =>
        {
            var document = JsonSerializer.Deserialize<Location>(stored.Json, OcpiJson.Options)!;
            var merged = LocationGrain.Merge(document, live[stored.Id]).Location;
            return new DashboardLocation(merged.Id, merged.Name, merged.City, merged.Coordinates.Latitude, merged.Coordinates.Longitude,
                (merged.Evses ?? []).Select(e => new DashboardStatusItem(merged.Id, e.Uid, SignalRDashboardSink.StatusName(e.Status), OcpiDateTime.Format(e.LastUpdated))).ToList());
        }).ToList();
        return Results.Ok(new { total = page.TotalCount, offset = offset ?? 0, items });
    }
}
