using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using StatusGrid.Grains.Dashboard;
using StatusGrid.Server.Auth;
using StatusGrid.Server.Dashboard.Estate;
using StatusGrid.Server.Dashboard.Viewport;
using StatusGrid.Server.Hosting;

namespace StatusGrid.Server.Dashboard;

/// <summary>
/// The operations view at <c>/ops</c> (a static page) and its data, admin key only. Partner health comes from
/// <c>GET /api/admin/partners</c>; this adds what only a silo knows: cluster members, the accepted change count
/// (every silo sees every change, so its count is the cluster's) and this silo's dashboard load. On a front-end,
/// <c>silo</c> is the front-end's id and the members come from the cluster's management grain.
/// </summary>
public static class OpsEndpoints
{
    public static IEndpointRouteBuilder MapOps(this IEndpointRouteBuilder app)
    {
        // Routing matches /ops and /ops/ alike, which keeps the static file middleware out: serve the page here, and send
        // /ops to /ops/ so its relative links resolve.
        app.MapGet("/ops", (HttpContext context, IWebHostEnvironment env) =>
        {
            if (!context.Request.Path.Value!.EndsWith('/'))
            {
                return Results.Redirect("/ops/");
            }

            // A host without the web root (a trimmed deployment) answers 404, not a 500 for a missing file.
            var page = env.WebRootFileProvider.GetFileInfo("ops/index.html");
            return page.Exists
                ? Results.File(page.CreateReadStream(), "text/html; charset=utf-8")
                : Results.Problem("The operations page is not part of this deployment.", statusCode: StatusCodes.Status404NotFound);
        }).ExcludeFromDescription();
        app.MapGet("/api/ops/overview", Overview).WithTags("Operations").RequireApiKey(ApiKeyScope.Admin);
        return app;
    }

    private static async Task<Ok<OpsOverview>> Overview(IClusterView cluster, DashboardFeed feed, PendingChanges pending,
        ViewportSubscriptions subscriptions, DashboardEstate estate, TimeProvider time) => TypedResults.Ok(new OpsOverview(
            time.GetUtcNow(),
            cluster.Self,
            [.. (await cluster.MembersAsync())
                .OrderBy(m => m.Name, StringComparer.Ordinal)
                .Select(m => new OpsSilo(m.Address, m.Name, m.Status))],
            feed.Offered,
            new OpsDashboard(subscriptions.ConnectionCount, subscriptions.WatchingCount, subscriptions.WatchedGroups().Count, feed.Coalesced + pending.Coalesced, estate.Summary())));
}

public sealed record OpsOverview(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("silo")] string Silo,
    [property: JsonPropertyName("silos")] IReadOnlyList<OpsSilo> Silos,
    [property: JsonPropertyName("changes_accepted")] long ChangesAccepted,
    [property: JsonPropertyName("dashboard")] OpsDashboard Dashboard);

public sealed record OpsSilo(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("status")] string Status);

public sealed record OpsDashboard(
    [property: JsonPropertyName("connections")] int Connections,
    [property: JsonPropertyName("watching")] int Watching,
    [property: JsonPropertyName("watched_tiles")] int WatchedTiles,
    [property: JsonPropertyName("coalesced")] long Coalesced,
    [property: JsonPropertyName("estate")] EstateSummary Estate);
