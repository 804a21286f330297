using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using StatusGrid.Contracts.Partners;
using StatusGrid.Server.Auth;
using StatusGrid.Server.Http;
using StatusGrid.Server.OcpiApi;
using ProblemDetails = Microsoft.AspNetCore.Mvc.ProblemDetails;

namespace StatusGrid.Server.Admin.Partners;

/// <summary>Partners added by hand (the OCPI credentials handshake adds them too).</summary>
public static class AdminPartnerEndpoints
{
    public static IEndpointRouteBuilder MapAdminPartners(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/partners").RequireApiKey(ApiKeyScope.Admin).RequireValidPartnerId().WithTags("Admin: partners");
        group.MapPost("/", CreateAsync).Accepts<PartnerRequest>("application/json")
            .WithSummary("Adds a partner; 409 if one with that id exists (replace it with PUT).");
        group.MapPut("/{partnerId}", ReplaceAsync).Accepts<PartnerRequest>("application/json")
            .WithSummary("Adds or replaces a partner.");
        group.MapGet("/", PartnerListing.ListAsync)
            .WithSummary("Partners in id order, a page at a time (offset, limit, q on id or name): configuration and push health.");
        group.MapGet("/{partnerId}", GetAsync).WithSummary("One partner: configuration and push health.");
        group.MapDelete("/{partnerId}", DeleteAsync).WithSummary("Removes a partner; pushes to it stop.");
        app.MapPartnerDelivery();
        return app;
    }

    private static async Task<Results<Created<PartnerView>, Conflict<ProblemDetails>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, IGrainFactory grains, ClusterReads reads, PartnerUrlRule urls, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (config, problem) = await ReadAsync(null, request, grains, urls, json, ct);
        if (config is null)
        {
            return problem!;
        }

        var grain = grains.GetGrain<IPartnerGrain>(config.Id);
        // A POST never overwrites: re-posting an id by mistake would silently swap a live partner's URL and token.
        // (Two racing POSTs of one new id can both pass this check; the second then replaces the first, as a PUT would.)
        if (await grain.GetConfig() is not null)
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Title = "Partner exists",
                Status = StatusCodes.Status409Conflict,
                Detail = $"A partner '{config.Id}' exists. PUT /api/admin/partners/{config.Id} replaces it.",
            });
        }

        await grain.Configure(config);
        return TypedResults.Created($"/api/admin/partners/{Uri.EscapeDataString(config.Id)}", await PartnerView.ReadAsync(grain, config, reads));
    }

    private static async Task<Results<Ok<PartnerView>, Created<PartnerView>, ProblemHttpResult>> ReplaceAsync(
        string partnerId, HttpRequest request, IGrainFactory grains, ClusterReads reads, PartnerUrlRule urls, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (config, problem) = await ReadAsync(partnerId, request, grains, urls, json, ct);
        if (config is null)
        {
            return problem!;
        }

        var grain = grains.GetGrain<IPartnerGrain>(config.Id);
        var existing = await grain.GetConfig();
        if (existing is { VersionsUrl: not null })
        {
            // Registered by handshake: its token, URLs and role are the registration's (a refresh rebuilds them), so a
            // replacement would only drop what the handshake learnt, such as that the partner is a hub.
            return TypedResults.Problem(
                $"Partner '{config.Id}' was registered through the OCPI credentials handshake. PATCH /api/admin/partners/{config.Id} "
                + $"changes how it is delivered to; POST /api/admin/ocpi/registrations/{config.Id}/refresh renews its token and URLs; "
                + $"PUT /api/admin/ocpi/registrations/{config.Id}/filter changes what it sees.",
                statusCode: StatusCodes.Status409Conflict, title: "Registered by handshake");
        }

        var existed = existing is not null;
        await grain.Configure(config);
        var view = await PartnerView.ReadAsync(grain, (await grain.GetConfig())!, reads);
        return existed ? TypedResults.Ok(view) : TypedResults.Created($"/api/admin/partners/{Uri.EscapeDataString(config.Id)}", view);
    }

    private static async Task<(PartnerConfig? Config, ProblemHttpResult? Problem)> ReadAsync(
        string? partnerId, HttpRequest request, IGrainFactory grains, PartnerUrlRule urls, IOptions<JsonOptions> json, CancellationToken ct)
    {
        PartnerRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<PartnerRequest>(request.Body, json.Value.SerializerOptions, ct);
        }
        catch (JsonException ex)
        {
            return (null, TypedResults.Problem($"The body is not a valid partner: {ex.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid JSON"));
        }

        if (body is null)
        {
            return (null, TypedResults.Problem("A partner object is required.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid partner"));
        }

        var (config, errors) = PartnerRequestValidator.Validate(body, partnerId, urls);
        if (config?.HubId is { } hubId)
        {
            // Addressed pushes through a hub only make sense through a partner registered as a hub.
            var hub = await grains.GetGrain<IPartnerGrain>(hubId).GetConfig();
            if (hub is not { ViaHub: true } || string.Equals(hubId, config.Id, StringComparison.Ordinal))
            {
                errors.Add(new("hub_id", hub is null
                    ? $"No partner '{hubId}'."
                    : $"Partner '{hubId}' is not a roaming hub (a hub registers with role HUB in 2.2.1 or hub_party_id in 2.3.0)."));
                config = null;
            }
        }

        return config is null ? (null, ValidationProblems.For("Invalid partner", errors)) : (config, null);
    }

    private static async Task<Results<Ok<PartnerView>, ProblemHttpResult>> GetAsync(string partnerId, IGrainFactory grains, ClusterReads reads, HttpResponse response)
    {
        var grain = grains.GetGrain<IPartnerGrain>(partnerId);
        var (config, busy) = await PartnerView.ReadConfigAsync(grain, reads);
        return busy is not null ? Busy(response, $"{partnerId}: {busy}")
            : config is null ? NotFound(partnerId)
            : TypedResults.Ok(await PartnerView.ReadAsync(grain, config, reads));
    }

    /// <summary>A partner grain did not answer: 503 naming it, with when to ask again (never a 500).</summary>
    private static ProblemHttpResult Busy(HttpResponse response, string detail)
    {
        response.Headers.RetryAfter = ((int)ClusterFaults.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Partner busy");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string partnerId, IGrainFactory grains)
    {
        var grain = grains.GetGrain<IPartnerGrain>(partnerId);
        if (await grain.GetConfig() is null)
        {
            return NotFound(partnerId);
        }

        await grain.Remove();
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(string partnerId) =>
        TypedResults.Problem($"No partner '{partnerId}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
