using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Server.Auth;
using StatusGrid.Server.Http;
using StatusGrid.Server.OcpiApi;

namespace StatusGrid.Server.Admin.Locations;

/// <summary>The CPO's own API for its Locations (OCPI 2.2.1 JSON in, validated before anything is stored).</summary>
public static partial class AdminLocationEndpoints
{
    public static IEndpointRouteBuilder MapAdminLocations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/locations").RequireApiKey(ApiKeyScope.Admin).WithTags("Admin: locations");
        group.MapGet("/", AdminLocationListing.ListAsync).WithSummary("Paged list of Locations (offset, limit, q searches id, name, address, city).");
        group.MapPut("/{locationId}", PutAsync).Accepts<Location>("application/json")
            .WithSummary("Adds or replaces a Location (OCPI 2.2.1 JSON; ?ocpi_version=2.3.0 for 2.3.0).");
        group.MapPost("/import", ImportAsync).Accepts<Location[]>("application/json")
            .WithSummary("Imports a JSON array of Locations, all or nothing.");
        group.MapGet("/{locationId}", GetAsync).WithSummary("A Location as partners see it: live statuses, effective last_updated.");
        app.MapAdminLocationParts();
        return app;
    }

    private static async Task<Results<Created<LocationPutResult>, Ok<LocationPutResult>, ProblemHttpResult>> PutAsync(
        string locationId, HttpRequest request, LocationImporter importer, IOptions<OcpiOptions> ocpi, CancellationToken ct)
    {
        if (!AdminOcpiVersion.TryRead(request, out var version, out var invalidVersion))
        {
            return invalidVersion!;
        }

        var body = await RequestBody.ReadAsync(request, ct);
        var parsed = OcpiParser.ParseLocation(body.Span, version);
        if (!parsed.IsValid || parsed.Value is not { } location)
        {
            return ValidationProblems.For("Invalid location", parsed.Errors);
        }

        if (!string.Equals(location.Id, locationId, StringComparison.OrdinalIgnoreCase))
        {
            return ValidationProblems.For("Invalid location", [new OcpiValidationError("id", $"'{location.Id}' does not match the URL's location id '{locationId}'.")]);
        }

        if (OwnParty.Check(location, ocpi.Value).ToList() is { Count: > 0 } foreign)
        {
            return ValidationProblems.For("Invalid location", foreign);
        }

        var outcome = await importer.PutAsync(location);
        var result = new LocationPutResult(location.Id, outcome.ToString().ToLowerInvariant());
        return outcome == LocationPutOutcome.Created
            ? TypedResults.Created($"/api/admin/locations/{Uri.EscapeDataString(location.Id)}", result)
            : TypedResults.Ok(result);
    }

    /// <summary>All or nothing: one invalid Location rejects the whole import, so a seed is never half-loaded.</summary>
    private static async Task<Results<Ok<LocationImportResult>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, LocationImporter importer, IOptions<OcpiOptions> ocpi, ILogger<LocationImporter> logger, CancellationToken ct)
    {
        if (!AdminOcpiVersion.TryRead(request, out var version, out var invalidVersion))
        {
            return invalidVersion!;
        }

        // Read as it arrives, one Location at a time: a 100k-EVSE file is never buffered or held as one JSON document.
        var clock = Stopwatch.StartNew();
        var progress = new ReadProgress(logger, request.ContentLength, clock);
        var parsed = await OcpiParser.ParseLocationsAsync(request.Body, version, progress, ct);
        LogImportRead(logger, parsed.Value?.Count ?? 0, parsed.Errors.Count, clock.ElapsedMilliseconds);
        if (!parsed.IsValid || parsed.Value is not { } locations)
        {
            return ValidationProblems.For("Invalid locations; nothing was imported", parsed.Errors);
        }

        if (RepeatedIds(locations) is { Count: > 0 } repeated)
        {
            return ValidationProblems.For("Invalid locations; nothing was imported", repeated);
        }

        if (OwnParty.Check(locations, ocpi.Value) is { Count: > 0 } foreign)
        {
            return ValidationProblems.For("Invalid locations; nothing was imported", foreign);
        }

        return TypedResults.Ok(await importer.ImportAsync(locations, ct));
    }

    /// <summary>
    /// Each item naming a Location an earlier item named, in any case (ids are CiStrings: "X" and "x" are one Location,
    /// one grain): which of the two documents is meant is ambiguous, so the error names both spellings.
    /// </summary>
    private static List<OcpiValidationError> RepeatedIds(IReadOnlyList<Location> locations)
    {
        var first = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<OcpiValidationError>();
        for (var i = 0; i < locations.Count; i++)
        {
            if (!first.TryAdd(locations[i].Id, i))
            {
                var earlier = first[locations[i].Id];
                errors.Add(new OcpiValidationError($"[{i}].id",
                    $"Location id '{locations[i].Id}' names the same Location as '{locations[earlier].Id}' at [{earlier}] (Location ids are case-insensitive)."));
            }
        }

        return errors;
    }

    private static async Task<Results<JsonHttpResult<Location>, ProblemHttpResult>> GetAsync(string locationId, IGrainFactory grains, ClusterReads reads)
    {
        var snapshot = await reads.Read(grains.GetGrain<ILocationGrain>(EvseKey.Location(locationId)).Get(), $"Location '{locationId}'");
        return snapshot is null
            ? TypedResults.Problem($"No location '{locationId}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found")
            : TypedResults.Json(snapshot.Location, OcpiJson.Options);
    }

    internal static void LogReading(ILogger logger, OcpiStreamProgress progress, long? contentLength, long elapsedMs) =>
        LogImportReading(logger, progress.Items, progress.Valid, Megabytes(progress.Bytes), contentLength is { } length ? Megabytes(length) : "?", elapsedMs);

    private static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import: {Items} locations read ({Valid} valid), {ReadMb}/{TotalMb} MB, after {ElapsedMs} ms")]
    private static partial void LogImportReading(ILogger logger, int items, int valid, string readMb, string totalMb, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import: file read and validated in {ElapsedMs} ms: {Valid} valid locations, {Errors} errors")]
    private static partial void LogImportRead(ILogger logger, int valid, int errors, long elapsedMs);
}

/// <summary>Progress lines while a long import file is still arriving (synchronous, so they come in order).</summary>
file sealed class ReadProgress(ILogger logger, long? contentLength, Stopwatch clock) : IProgress<OcpiStreamProgress>
{
    public void Report(OcpiStreamProgress value) => AdminLocationEndpoints.LogReading(logger, value, contentLength, clock.ElapsedMilliseconds);
}

/// <summary>What a Location PUT did: <c>created</c> or <c>updated</c>.</summary>
public sealed record LocationPutResult(string Id, string Outcome);
