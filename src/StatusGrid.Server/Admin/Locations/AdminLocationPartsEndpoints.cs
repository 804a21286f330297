using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
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
        // The handler reads the body itself (validated as part of the whole Location). Said here for the document, and
        // because the compile-time request delegate generator otherwise adds an untyped "accepts JSON" to these two
        // routes, which the OpenAPI document turns into a body of type void and fails on.
        group.MapPut("/{locationId}/{evseUid}", PutAsync).Accepts<JsonObject>("application/json")
            .WithSummary("Adds or replaces an EVSE of a Location (OCPI EVSE JSON).");
        group.MapPut("/{locationId}/{evseUid}/{connectorId}", PutAsync).Accepts<JsonObject>("application/json")
            .WithSummary("Adds or replaces a Connector of an EVSE (OCPI Connector JSON).");
        group.MapPatch("/{locationId}", PatchAsync).WithSummary("Changes some fields of a Location.");
        group.MapPatch("/{locationId}/{evseUid}", PatchAsync).WithSummary("Changes some fields of an EVSE.");
        group.MapPatch("/{locationId}/{evseUid}/{connectorId}", PatchAsync).WithSummary("Changes some fields of a Connector.");
        return app;
    }

    /// <summary>
    /// What the five part routes share. The EVSE and connector segments exist on the longer routes only, so they are
    /// read from the route values (a bound parameter absent from the route would fall back to the query string).
    /// </summary>
    internal sealed record PartRequest(string LocationId, HttpRequest Request, IGrainFactory Grains, ClusterReads Reads, CancellationToken Cancellation)
    {
        public string? EvseUid => Request.RouteValues["evseUid"] as string;

        public string? ConnectorId => Request.RouteValues["connectorId"] as string;

        public LocationEdits.Target Target => new(EvseUid, ConnectorId);
    }

    private static async Task<Results<Created<LocationPutResult>, Ok<LocationPutResult>, ProblemHttpResult>> PutAsync([AsParameters] PartRequest part)
    {
        var (version, body, location, invalid) = await ReadAsync(part);
        if (invalid is not null)
        {
            return invalid;
        }

        var (edited, errors, created) = LocationEdits.Put(location!, part.Target, body!, version);
        if (edited is null)
        {
            return ValidationProblems.For(part.ConnectorId is null ? "Invalid EVSE" : "Invalid connector", errors);
        }

        var result = await StoreAsync(part, edited, LocationEdits.StatusesAsRead(location!, part.Target, body!, put: true));
        return created ? TypedResults.Created(part.Request.Path, result) : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<LocationPutResult>, ProblemHttpResult>> PatchAsync([AsParameters] PartRequest part, TimeProvider time)
    {
        var (version, patch, location, invalid) = await ReadAsync(part);
        if (invalid is not null)
        {
            return invalid;
        }

        var (edited, errors) = LocationEdits.Patch(location!, part.Target, patch!, version, time.GetUtcNow());
        if (edited is null)
        {
            return ValidationProblems.For("Invalid patch", errors);
        }

        return TypedResults.Ok(await StoreAsync(part, edited, LocationEdits.StatusesAsRead(location!, part.Target, patch!, put: false)));
    }

    /// <summary>
    /// The edit was made on the Location as read, live statuses included; a status reported since is newer than the
    /// one the edit carries along, so the grain is told which statuses were only read (and when).
    /// </summary>
    private static async Task<LocationPutResult> StoreAsync(PartRequest part, Location edited, ImmutableDictionary<string, DateTimeOffset> statusesAsRead)
    {
        var outcome = await part.Grains.GetGrain<ILocationGrain>(EvseKey.Location(part.LocationId)).PutEdited(edited, statusesAsRead);
        return new LocationPutResult(edited.Id, outcome.ToString().ToLowerInvariant());
    }

    private static async Task<(OcpiVersion Version, JsonObject? Body, Location? Location, ProblemHttpResult? Invalid)> ReadAsync(PartRequest part)
    {
        if (!AdminOcpiVersion.TryRead(part.Request, out var version, out var invalidVersion))
        {
            return (version, null, null, invalidVersion);
        }

        JsonObject? body;
        try
        {
            body = JsonNode.Parse((await RequestBody.ReadAsync(part.Request, part.Cancellation)).Span, documentOptions: RequestBody.StrictJson) as JsonObject;
        }
        catch (JsonException ex)
        {
            return (version, null, null, ValidationProblems.For("Invalid JSON", [new OcpiValidationError("", ex.Message)]));
        }

        if (body is null)
        {
            return (version, null, null, ValidationProblems.For("Invalid body", [new OcpiValidationError("", "a JSON object is required")]));
        }

        var snapshot = await part.Reads.Read(part.Grains.GetGrain<ILocationGrain>(EvseKey.Location(part.LocationId)).Get(), $"Location '{part.LocationId}'");
        return snapshot is null
            ? (version, null, null, TypedResults.Problem($"No location '{part.LocationId}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found"))
            : (version, body, snapshot.Location, null);
    }
}
