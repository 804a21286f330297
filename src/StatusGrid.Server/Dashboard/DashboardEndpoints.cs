using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Server.Dashboard.Estate;
using StatusGrid.Server.Dashboard.Viewport;

namespace StatusGrid.Server.Dashboard;

/// <summary>
/// The public map's data: snapshots per viewport (GeoJSON of the same tiles the hub's Watch joins), search, totals,
/// and the map's settings. Only published locations, and only the fields a map shows; answered from this silo's
/// in-memory estate, never from a database query per pan.
/// </summary>
public static class DashboardEndpoints
{
    private const int MaxPage = 1000;

    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHub<StatusHub>(StatusHub.Path);
        // Public even when the dashboard needs a key: the page reads it to know whether to ask for one.
        app.MapGet("/api/dashboard/config", (IOptions<DashboardOptions> options) => TypedResults.Ok(new DashboardConfig(
            options.Value.TileUrl, options.Value.TileAttribution, options.Value.DetailMinZoom, options.Value.DetailTileZoom,
            options.Value.RequireCredential))).WithTags("Dashboard");

        var group = app.MapGroup("/api/dashboard").WithTags("Dashboard").RequireDashboardAccess();
        group.MapGet("/summary", (DashboardEstate estate) => TypedResults.Ok(estate.Summary()));
        group.MapGet("/snapshot", Snapshot);
        group.MapGet("/search", Search);
        group.MapGet("/locations", PageAsync);
        return app;
    }

    /// <summary>
    /// <c>?bbox=west,south,east,north&amp;zoom=z</c>: the features of the plan's tiles: locations at street/city zoom,
    /// aggregates per coarse tile below it. Bounded by <see cref="DashboardOptions.MaxTilesPerClient"/>.
    /// </summary>
    private static Results<Ok<Snapshot<LocationProperties>>, Ok<Snapshot<AggregateProperties>>, ProblemHttpResult> Snapshot(DashboardEstate estate, IOptions<DashboardOptions> options, string? bbox, string? zoom)
    {
        var box = Bbox.TryParse(bbox, out var error);
        if (box is null)
        {
            return Invalid(error!);
        }

        if (!int.TryParse(zoom, NumberStyles.None, CultureInfo.InvariantCulture, out var z) || z > 24)
        {
            return Invalid("zoom must be a whole number from 0 to 24.");
        }

        var plan = ViewportPlanner.Plan(box.Value, z, options.Value);
        return plan.IsDetail
            ? TypedResults.Ok(new Snapshot<LocationProperties>(plan, estate.Features(plan.Tiles)))
            : TypedResults.Ok(new Snapshot<AggregateProperties>(plan, estate.Aggregates(plan.Tiles)));
    }

    private static Results<Ok<SearchResults>, ProblemHttpResult> Search(DashboardEstate estate, IOptions<DashboardOptions> options, string? q)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Trim().Length < 2 || q.Length > 100)
        {
            return Invalid("q must be 2 to 100 characters: a city, an address or an evse_id.");
        }

        return TypedResults.Ok(new SearchResults(estate.Search(q, options.Value.MaxSearchResults)));
    }

    /// <summary>The published estate page by page, for scripts and the load driver (the map itself uses snapshots).</summary>
    private static async Task<Results<Ok<EstatePage>, ProblemHttpResult>> PageAsync(EstateReader reader, string? offset, string? limit, CancellationToken ct)
    {
        if (!TryParse(offset, 0, out var from) || from < 0)
        {
            return Invalid("offset must be a whole number, 0 or more.");
        }

        if (!TryParse(limit, MaxPage, out var size) || size < 1)
        {
            return Invalid("limit must be a whole number, 1 or more.");
        }

        var (items, total) = await reader.PageAsync(from, Math.Min(size, MaxPage), ct);
        return TypedResults.Ok(new EstatePage(total, from, [.. items.Select(l => new EstatePageLocation(
            l.Id,
            l.Name,
            l.City,
            l.Latitude.ToString(CultureInfo.InvariantCulture),
            l.Longitude.ToString(CultureInfo.InvariantCulture),
            [.. l.Evses.Select(e => new DashboardStatusItem(l.Id, e.Uid, EvseStatusNames.Of(e.Status), OcpiDateTime.Format(e.LastUpdated)))]))]));
    }

    /// <summary>Absent or empty means the default (the README's own example sends <c>offset=&amp;limit=</c>).</summary>
    private static bool TryParse(string? text, int fallback, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
}

/// <summary>The answer of <c>/api/dashboard/search</c>.</summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Results);

/// <summary>One page of <c>/api/dashboard/locations</c>: <see cref="Total"/> counts every published location.</summary>
public sealed record EstatePage(int Total, int Offset, IReadOnlyList<EstatePageLocation> Items);

/// <summary>A published location with its EVSEs' statuses; coordinates as the OCPI decimal strings.</summary>
public sealed record EstatePageLocation(string Id, string? Name, string City, string Latitude, string Longitude, IReadOnlyList<DashboardStatusItem> Evses);
