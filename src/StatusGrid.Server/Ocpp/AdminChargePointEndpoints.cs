using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Server.Auth;
using StatusGrid.Server.Http;

namespace StatusGrid.Server.Ocpp;

/// <summary>Which charge points may connect, with what password, and which of our EVSEs their connectors are.</summary>
public static class AdminChargePointEndpoints
{
    public static IEndpointRouteBuilder MapAdminChargePoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/charge-points").RequireApiKey(ApiKeyScope.Admin).WithTags("Admin: charge points");
        group.MapPut("/{identity}", UpsertAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/{identity}", GetAsync);
        group.MapDelete("/{identity}", DeleteAsync);
        return app;
    }

    private static async Task<IResult> UpsertAsync(string identity, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken ct)
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
        var (registration, errors) = await ChargePointRequestValidator.ValidateAsync(identity, body, existing, grains);
        if (registration is null)
        {
            return ValidationProblems.For("Invalid charge point", errors);
        }

        await grain.Register(registration);
        var view = ChargePointResponse.From((await grain.GetView())!);
        return existing is null
            ? TypedResults.Created($"/api/admin/charge-points/{Uri.EscapeDataString(identity)}", view)
            : TypedResults.Ok(view);
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains)
    {
        var identities = await ChargePointDirectory.ListAsync(grains);
        var views = await Task.WhenAll(identities.Select(id => grains.GetGrain<IChargePointGrain>(ChargePointKey.For(id)).GetView()));
        return TypedResults.Ok(views.OfType<ChargePointView>().Select(ChargePointResponse.From).ToArray());
    }

    private static async Task<IResult> GetAsync(string identity, IGrainFactory grains)
    {
        var view = OcppIdentity.IsValid(identity) ? await grains.GetGrain<IChargePointGrain>(ChargePointKey.For(identity)).GetView() : null;
        return view is null
            ? TypedResults.Problem($"No charge point '{identity}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found")
            : TypedResults.Ok(ChargePointResponse.From(view));
    }

    private static async Task<IResult> DeleteAsync(string identity, IGrainFactory grains)
    {
        var removed = OcppIdentity.IsValid(identity) && await grains.GetGrain<IChargePointGrain>(ChargePointKey.For(identity)).Remove();
        return removed
            ? TypedResults.NoContent()
            : TypedResults.Problem($"No charge point '{identity}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
    }
}
