using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Server.Http;
using StatusGrid.Contracts.Partners;
using StatusGrid.Server.Auth;

namespace StatusGrid.Server.Admin.Partners;

/// <summary>Admin actions on a partner's deliveries (its health, rejections and freshness are in the partner's view).</summary>
public static class PartnerDeliveryEndpoints
{
    public static IEndpointRouteBuilder MapPartnerDelivery(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/partners").RequireApiKey(ApiKeyScope.Admin).RequireValidPartnerId().WithTags("Admin: partners");
        group.MapPost("/{partnerId}/resync", ResyncAsync).WithSummary("Re-PUTs every location the partner may see and forgets its rejections.");
        group.MapPatch("/{partnerId}", SetAsync).Accepts<JsonObject>("application/json")
            .WithSummary("Changes how a partner is delivered to (delivery_mode, max_requests_per_second, max_backlog, max_concurrency, enabled), the rest kept.");
        return app;
    }

    private static async Task<Results<Ok<PartnerView>, ProblemHttpResult>> SetAsync(
        string partnerId, HttpRequest request, IGrainFactory grains, ClusterReads reads, CancellationToken ct)
    {
        JsonNode? body;
        try
        {
            body = JsonNode.Parse((await RequestBody.ReadAsync(request, ct)).Span, documentOptions: RequestBody.StrictJson);
        }
        catch (JsonException ex)
        {
            return ValidationProblems.For("Invalid JSON", [new OcpiValidationError("", ex.Message)]);
        }

        var grain = grains.GetGrain<IPartnerGrain>(partnerId);
        if (await reads.Read(grain.GetConfig(), "the partner grain") is not { } config)
        {
            return TypedResults.Problem($"No partner '{partnerId}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        var (changed, errors) = PartnerSettings.Apply(config, body);
        if (changed is null)
        {
            return ValidationProblems.For("Invalid partner settings", errors);
        }

        await grain.Configure(changed);
        return TypedResults.Ok(await PartnerView.ReadAsync(grain, (await grain.GetConfig())!, reads));
    }

    /// <summary>
    /// Re-PUTs every location the partner may see and forgets its rejections: after the partner fixed what it refused,
    /// or to repair a partner that lost data. 202: the PUTs are queued, the partner's view shows their progress.
    /// </summary>
    private static async Task<Results<Accepted<ResyncAnswer>, ProblemHttpResult>> ResyncAsync(string partnerId, IGrainFactory grains)
    {
        var grain = grains.GetGrain<IPartnerGrain>(partnerId);
        if (await grain.GetConfig() is not { } config)
        {
            return TypedResults.Problem($"No partner '{partnerId}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        if (!config.Enabled || config.LocationsUrl is null)
        {
            return TypedResults.Problem($"Partner '{partnerId}' receives no pushes (disabled, or pull-only): there is nothing to resync.",
                statusCode: StatusCodes.Status409Conflict, title: "Not a push partner");
        }

        var queued = await grain.Resync();
        return TypedResults.Accepted($"/api/admin/partners/{Uri.EscapeDataString(partnerId)}", new ResyncAnswer(partnerId, queued));
    }

    /// <param name="LocationsQueued">Location PUTs queued for the partner.</param>
    public sealed record ResyncAnswer(string PartnerId, int LocationsQueued);
}
