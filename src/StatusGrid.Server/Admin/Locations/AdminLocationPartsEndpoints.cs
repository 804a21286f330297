using System.Text.Json;
using System.Text.Json.Nodes;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Server.Auth;
using StatusGrid.Server.Http;

namespace StatusGrid.Server.Admin.Locations;

/// <summary>
/// The CPO's edits below a whole Location: PUT an EVSE or a Connector (new or replaced), PATCH some fields of the
/// Location, an EVSE or a Connector. Each edit is validated as part of the whole document and stored through the
/// Location grain, so partners receive the Location PUT with the raised last_updated values.
/// </summary>
public static class AdminLocationPartsEndpoints
{
    public static IEndpointRouteBuilder MapAdminLocationParts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/locations").RequireApiKey(ApiKeyScope.Admin).WithTags("Admin: locations");
        group.MapPut("/{locationId}/{evseUid}", (string locationId, string evseUid, HttpRequest request, IGrainFactory grains, CancellationToken ct) =>
            PutAsync(new(locationId, evseUid, null), request, grains, ct));
        group.MapPut("/{locationId}/{evseUid}/{connectorId}", (string locationId, string evseUid, string connectorId, HttpRequest request, IGrainFactory grains, CancellationToken ct) =>
            PutAsync(new(locationId, evseUid, connectorId), request, grains, ct));
        group.MapPatch("/{locationId}", (string locationId, HttpRequest request, IGrainFactory grains, TimeProvider time, CancellationToken ct) =>
            PatchAsync(new(locationId, null, null), request, grains, time, ct));
        group.MapPatch("/{locationId}/{evseUid}", (string locationId, string evseUid, HttpRequest request, IGrainFactory grains, TimeProvider time, CancellationToken ct) =>
            PatchAsync(new(locationId, evseUid, null), request, grains, time, ct));
        group.MapPatch("/{locationId}/{evseUid}/{connectorId}", (string locationId, string evseUid, string connectorId, HttpRequest request, IGrainFactory grains, TimeProvider time, CancellationToken ct) =>
            PatchAsync(new(locationId, evseUid, connectorId), request, grains, time, ct));
        return app;
    }

    private sealed record Address(string LocationId, string? EvseUid, string? ConnectorId);

    private static async Task<IResult> PutAsync(Address address, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        var (version, part, location, invalid) = await ReadAsync(address, request, grains, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        var (edited, errors, created) = LocationEdits.Put(location!, new LocationEdits.Target(address.EvseUid, address.ConnectorId), part!, version);
        if (edited is null)
        {
            return ValidationProblems.For(address.ConnectorId is null ? "Invalid EVSE" : "Invalid connector", errors);
        }

        var outcome = await grains.GetGrain<ILocationGrain>(EvseKey.Location(address.LocationId)).Put(edited);
        var result = new { id = edited.Id, outcome = outcome.ToString().ToLowerInvariant() };
        return created ? Results.Created(request.Path, result) : Results.Ok(result);
    }

    private static async Task<IResult> PatchAsync(Address address, HttpRequest request, IGrainFactory grains, TimeProvider time, CancellationToken ct)
    {
        var (version, patch, location, invalid) = await ReadAsync(address, request, grains, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        var (edited, errors) = LocationEdits.Patch(location!, new LocationEdits.Target(address.EvseUid, address.ConnectorId), patch!, version, time.GetUtcNow());
        if (edited is null)
        {
            return ValidationProblems.For("Invalid patch", errors);
        }

        var outcome = await grains.GetGrain<ILocationGrain>(EvseKey.Location(address.LocationId)).Put(edited);
        return Results.Ok(new { id = edited.Id, outcome = outcome.ToString().ToLowerInvariant() });
    }

    private static async Task<(OcpiVersion Version, JsonObject? Body, StatusGrid.Ocpi.Locations.Location? Location, IResult? Invalid)> ReadAsync(
        Address address, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        if (!AdminOcpiVersion.TryRead(request, out var version, out var invalidVersion))
        {
            return (version, null, null, invalidVersion);
        }

        JsonObject? body;
        try
        {
            body = JsonNode.Parse((await RequestBody.ReadAsync(request, ct)).Span) as JsonObject;
        }
        catch (JsonException ex)
        {
            return (version, null, null, ValidationProblems.For("Invalid JSON", [new OcpiValidationError("", ex.Message)]));
        }

        if (body is null)
        {
            return (version, null, null, ValidationProblems.For("Invalid body", [new OcpiValidationError("", "a JSON object is required")]));
        }

        var snapshot = await grains.GetGrain<ILocationGrain>(EvseKey.Location(address.LocationId)).Get();
        return snapshot is null
            ? (version, null, null, Results.Problem($"No location '{address.LocationId}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found"))
            : (version, body, snapshot.Location, null);
    }
}
