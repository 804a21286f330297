using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Server.Auth;
using StatusGrid.Server.Http;

namespace StatusGrid.Server.Ocpp;

/// <summary>Which charge points may connect, with what password, and which of our EVSEs their connectors are.</summary>
public static class AdminChargePointEndpoints
{
    private const string Route = "/api/admin/charge-points";

    public static IEndpointRouteBuilder MapAdminChargePoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Route).RequireApiKey(ApiKeyScope.Admin).WithTags("Admin: charge points");
        group.MapPut("/{identity}", UpsertAsync).Accepts<ChargePointRequest>("application/json")
            .WithSummary("Registers a charge point or replaces its password and mapping; generate_password: true returns a new secret once.");
        group.MapGet("/", ListAsync).WithSummary("One page of the charge points by identity (offset, limit): {total, offset, limit, items}.");
        group.MapGet("/{identity}", GetAsync).WithSummary("One charge point: mapping, connection, boot and connector statuses.");
        group.MapDelete("/{identity}", DeleteAsync).WithSummary("Removes a charge point and closes its connection.");
        return app;
    }

    private static async Task<Results<Created<ChargePointResponse>, Ok<ChargePointResponse>, ProblemHttpResult>> UpsertAsync(
        string identity, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken ct)
    {
        ChargePointRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<ChargePointRequest>(request.Body, json.Value.SerializerOptions, ct);
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem($"The body is not a valid charge point: {ex.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid JSON");
        }

        if (body is null)
        {
            return TypedResults.Problem("A charge point object is required.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid charge point");
        }

        var grain = grains.GetGrain<IChargePointGrain>(ChargePointKey.For(identity));
        var existing = OcppIdentity.IsValid(identity) ? await grain.GetRegistration() : null;
        var (registration, generated, errors) = await ChargePointRequestValidator.ValidateAsync(identity, body, existing, grains);
        if (registration is null)
        {
            return ValidationProblems.For("Invalid charge point", errors);
        }

        await grain.Register(registration);
        // A generated secret is in this answer and nowhere else: only its hashes were stored. No cache may keep it.
        var view = ChargePointResponse.From((await grain.GetView())!) with { Password = generated };
        if (generated is not null)
        {
            request.HttpContext.Response.Headers.CacheControl = "no-store";
        }

        return existing is null
            ? TypedResults.Created($"{Route}/{Uri.EscapeDataString(identity)}", view)
            : TypedResults.Ok(view);
    }

    /// <summary>
    /// One page of the fleet in identity order (ordinal), shaped like every admin listing (<see cref="AdminPage{T}"/>).
    /// Only the page's charge point grains are called (it was one call per station of the whole fleet per GET).
    /// </summary>
    private static async Task<Results<Ok<AdminPage<ChargePointResponse>>, ProblemHttpResult>> ListAsync(
        IGrainFactory grains, ClusterReads reads, string? offset = null, string? limit = null)
    {
        var errors = new List<OcpiValidationError>();
        var (skip, take) = AdminPaging.Read(offset, limit, AdminPaging.DefaultLimit, errors);
        if (errors.Count > 0)
        {
            return ValidationProblems.For("Invalid paging", errors);
        }

        // Why every bucket is read in full: the buckets split the fleet by hash, so where an offset falls in identity
        // order depends on all of them. Each is read once per request: 65 calls returning identities only (at most
        // 48 characters each, under 0.5 MB for 10,000 stations), against the 10,000 grain calls of a whole listing.
        var identities = await ChargePointDirectory.ListAsync(grains);
        var page = identities.Skip(skip).Take(take).ToArray();
        var views = await reads.Read(Task.WhenAll(page.Select(id => grains.GetGrain<IChargePointGrain>(ChargePointKey.For(id)).GetView())), "A charge point grain");

        // A station removed between the directory read and its own may leave the page one short; the total still counts it.
        return TypedResults.Ok(new AdminPage<ChargePointResponse>(identities.Length, skip, take, [.. views.OfType<ChargePointView>().Select(ChargePointResponse.From)]));
    }

    private static async Task<Results<Ok<ChargePointResponse>, ProblemHttpResult>> GetAsync(string identity, IGrainFactory grains, ClusterReads reads)
    {
        var view = OcppIdentity.IsValid(identity) ? await reads.Read(grains.GetGrain<IChargePointGrain>(ChargePointKey.For(identity)).GetView(), $"Charge point '{identity}'") : null;
        return view is null
            ? TypedResults.Problem($"No charge point '{identity}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found")
            : TypedResults.Ok(ChargePointResponse.From(view));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string identity, IGrainFactory grains)
    {
        var removed = OcppIdentity.IsValid(identity) && await grains.GetGrain<IChargePointGrain>(ChargePointKey.For(identity)).Remove();
        return removed
            ? TypedResults.NoContent()
            : TypedResults.Problem($"No charge point '{identity}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
    }
}
