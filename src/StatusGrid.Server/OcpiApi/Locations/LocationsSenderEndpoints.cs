using StatusGrid.Server.OcpiApi.Auth;

namespace StatusGrid.Server.OcpiApi.Locations;

/// <summary>Locations, CPO side: the Sender interface (GET only; POST, PUT, PATCH and DELETE are n/a here).</summary>
public static class LocationsSenderEndpoints
{
    private static readonly string[] NotApplicable = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    public static RouteGroupBuilder MapOcpiLocations(this RouteGroupBuilder ocpi)
    {
        var locations = ocpi.MapGroup("/{version}/locations").RequireOcpiToken(OcpiModule.Locations);
        locations.MapGet("", (HttpContext context, LocationsSender sender, CancellationToken ct) => sender.ListAsync(context, ct));
        locations.MapGet("/{locationId}", (HttpContext context, LocationsSender sender, string locationId) =>
            sender.GetAsync(context, locationId, null, null));
        locations.MapGet("/{locationId}/{evseUid}", (HttpContext context, LocationsSender sender, string locationId, string evseUid) =>
            sender.GetAsync(context, locationId, evseUid, null));
        locations.MapGet("/{locationId}/{evseUid}/{connectorId}", (HttpContext context, LocationsSender sender, string locationId, string evseUid, string connectorId) =>
            sender.GetAsync(context, locationId, evseUid, connectorId));
        locations.MapMethods("", NotApplicable, NotAllowed);
        locations.MapMethods("/{**rest}", NotApplicable, NotAllowed);
        return ocpi;
    }

    private static IResult NotAllowed(HttpContext context) =>
        OcpiResults.MethodNotAllowed(context, "Our Locations endpoint is the CPO's Sender interface: GET only");
}
