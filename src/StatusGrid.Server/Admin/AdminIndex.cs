using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using StatusGrid.Server.Auth;
using StatusGrid.Server.Hosting;

namespace StatusGrid.Server.Admin;

/// <summary>
/// <c>GET /api/admin</c>: what the admin API offers, read from the mapped endpoints at run time (so a route added
/// anywhere shows up here), with pointers to the OpenAPI document and its browsable reference. It takes the admin key
/// like every route under it: the list of routes and whether the Orleans Dashboard is on are operational state
/// (SECURITY.md), and it was the one admin route that answered strangers.
/// </summary>
public static class AdminIndex
{
    public static WebApplication MapAdminIndex(this WebApplication app)
    {
        app.MapGet("/api/admin", List).RequireApiKey(ApiKeyScope.Admin).WithTags("Admin").WithSummary("Lists the admin routes; the OpenAPI document has the details.");
        return app;
    }

    private static Ok<AdminIndexView> List(EndpointDataSource endpoints, IConfiguration configuration)
    {
        var routes = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/admin/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => new AdminRoute(
                method,
                e.RoutePattern.RawText!,
                e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary)))
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToArray();
        return TypedResults.Ok(new AdminIndexView(OpenApiHosting.DocumentPath, OpenApiHosting.UiPath, OrleansDashboardHosting.IsEnabled(configuration) ? OrleansDashboardHosting.Path : null, routes));
    }
}

/// <param name="OrleansDashboard">Its path, or null when it is off (<c>StatusGrid:OrleansDashboard:Enabled</c>).</param>
public sealed record AdminIndexView(string OpenApi, string Reference, string? OrleansDashboard, AdminRoute[] Routes);

public sealed record AdminRoute(string Method, string Path, string? Summary);
