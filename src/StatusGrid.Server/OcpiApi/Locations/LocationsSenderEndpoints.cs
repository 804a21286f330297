using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using StatusGrid.Ocpi;
using StatusGrid.Server.OcpiApi.Auth;

namespace StatusGrid.Server.OcpiApi.Locations;

/// <summary>Locations, CPO side: the Sender interface (GET only; POST, PUT, PATCH and DELETE are n/a here).</summary>
public static class LocationsSenderEndpoints
{
    private static readonly string[] NotApplicable = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];
    private static readonly string[] Allowed = [HttpMethods.Get];
    private const string SenderOnly = "our Locations endpoint is the CPO's Sender interface";

    public static RouteGroupBuilder MapOcpiLocations(this RouteGroupBuilder ocpi)
    {
        var locations = ocpi.MapGroup("/{version}/locations").RequireOcpiToken(OcpiModule.Locations);
        locations.MapGet("", ListAsync).WithSummary("Paged list of Locations (offset, limit, date_from, date_to; Link, X-Total-Count, X-Limit).");
        locations.MapGet("/{locationId}", GetLocationAsync);
        locations.MapGet("/{locationId}/{evseUid}", GetEvseAsync);
        locations.MapGet("/{locationId}/{evseUid}/{connectorId}", GetConnectorAsync);
        foreach (var pattern in new[] { "", "/{locationId}", "/{locationId}/{evseUid}", "/{locationId}/{evseUid}/{connectorId}" })
        {
            locations.MapOtherMethods(pattern, Allowed, SenderOnly).AddEndpointFilter(RoutingHeadersAsync);
        }

        // Deeper paths are no route of ours, but a partner that takes us for a Receiver pushes there: say so.
        locations.MapMethodsNotAllowed("/{**rest}", NotApplicable, Allowed, SenderOnly).AddEndpointFilter(RoutingHeadersAsync);
        return ocpi;
    }

    /// <summary>A 405 goes to the same partner as a GET, with the same routing headers (none for a version we do not serve).</summary>
    private static async ValueTask<object?> RoutingHeadersAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (OcpiVersions.TryParse(http.GetRouteValue("version") as string, out var version))
        {
            await http.RequestServices.GetRequiredService<LocationsSender>().RoutingHeadersAsync(http, version);
        }

        return await next(context);
    }

    private static Task<Results<OcpiOk<JsonArray>, OcpiError>> ListAsync(
        [AsParameters] OcpiRoute route, [AsParameters] PageQuery query, LocationsSender sender, CancellationToken cancellationToken) =>
        sender.ListAsync(route, query, cancellationToken);

    private static Task<Results<OcpiOk<JsonNode>, OcpiError>> GetLocationAsync([AsParameters] OcpiRoute route, LocationsSender sender, string locationId) =>
        sender.GetAsync(route, locationId);

    private static Task<Results<OcpiOk<JsonNode>, OcpiError>> GetEvseAsync(
        [AsParameters] OcpiRoute route, LocationsSender sender, string locationId, string evseUid) =>
        sender.GetAsync(route, locationId, evseUid);

    private static Task<Results<OcpiOk<JsonNode>, OcpiError>> GetConnectorAsync(
        [AsParameters] OcpiRoute route, LocationsSender sender, string locationId, string evseUid, string connectorId) =>
        sender.GetAsync(route, locationId, evseUid, connectorId);
}
