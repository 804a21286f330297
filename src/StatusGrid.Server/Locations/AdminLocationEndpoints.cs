using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Server.Auth;

namespace StatusGrid.Server.Locations;

/// <summary>The CPO's own API for its Locations (OCPI 2.2.1 JSON in, validated before anything is stored).</summary>
public static class AdminLocationEndpoints
{
    public static IEndpointRouteBuilder MapAdminLocations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/locations").RequireApiKey(ApiKeyScope.Admin).WithTags("Admin: locations");
        group.MapPut("/{locationId}", PutAsync);
        group.MapPost("/import", ImportAsync);
        group.MapGet("/{locationId}", GetAsync);
        app.MapAdminLocationParts();
        return app;
    }

    private static async Task<IResult> PutAsync(string locationId, HttpRequest request, LocationImporter importer, CancellationToken ct)
    {
        if (!AdminOcpiVersion.TryRead(request, out var version, out var invalidVersion))
        {
            return invalidVersion!;
        }

        var body = await RequestBody.ReadAsync(request, ct);
        var parsed = OcpiParser.ParseLocation(body.Span, version);
        if (!parsed.IsValid || parsed.Value is not { } location)
        {
            return ValidationProblem.For("Invalid location", parsed.Errors);
        }

        if (!string.Equals(location.Id, locationId, StringComparison.OrdinalIgnoreCase))
        {
            return ValidationProblem.For("Invalid location", [new OcpiValidationError("id", $"'{location.Id}' does not match the URL's location id '{locationId}'.")]);
        }

        var outcome = await importer.PutAsync(location);
        var result = new { id = location.Id, outcome = outcome.ToString().ToLowerInvariant() };
        return outcome == LocationPutOutcome.Created
            ? Results.Created($"/api/admin/locations/{Uri.EscapeDataString(location.Id)}", result)
            : Results.Ok(result);
    }

    /// <summary>All or nothing: one invalid Location rejects the whole import, so a seed is never half-loaded.</summary>
    private static async Task<IResult> ImportAsync(HttpRequest request, LocationImporter importer, CancellationToken ct)
    {
        if (!AdminOcpiVersion.TryRead(request, out var version, out var invalidVersion))
        {
            return invalidVersion!;
        }

        var body = await RequestBody.ReadAsync(request, ct);
        var parsed = OcpiParser.ParseLocations(body.Span, version);
        if (!parsed.IsValid || parsed.Value is not { } locations)
        {
            return ValidationProblem.For("Invalid locations; nothing was imported", parsed.Errors);
        }

        var duplicate = locations.GroupBy(l => l.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return ValidationProblem.For("Invalid locations; nothing was imported",
                [new OcpiValidationError("id", $"Location id '{duplicate.Key}' appears {duplicate.Count()} times.")]);
        }

        return Results.Ok(await importer.ImportAsync(locations, ct));
    }

    private static async Task<IResult> GetAsync(string locationId, IGrainFactory grains)
    {
        var snapshot = await grains.GetGrain<ILocationGrain>(EvseKey.Location(locationId)).Get();
        return snapshot is null
            ? Results.Problem($"No location '{locationId}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found")
            : Results.Json(snapshot.Location, OcpiJson.Options);
    }
}
