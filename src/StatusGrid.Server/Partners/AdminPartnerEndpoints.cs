using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using StatusGrid.Contracts.Partners;
using StatusGrid.Server.Auth;
using StatusGrid.Server.Locations;

namespace StatusGrid.Server.Partners;

/// <summary>Partners added by hand (the OCPI credentials handshake adds them too).</summary>
public static class AdminPartnerEndpoints
{
    public static IEndpointRouteBuilder MapAdminPartners(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/partners").RequireApiKey(ApiKeyScope.Admin).WithTags("Admin: partners");
        group.MapPost("/", (HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken ct) => UpsertAsync(null, request, grains, json, ct));
        group.MapPut("/{partnerId}", (string partnerId, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken ct) => UpsertAsync(partnerId, request, grains, json, ct));
        group.MapGet("/", ListAsync);
        group.MapGet("/{partnerId}", GetAsync);
        group.MapDelete("/{partnerId}", DeleteAsync);
        app.MapPartnerDelivery();
        return app;
    }

    private static async Task<IResult> UpsertAsync(string? partnerId, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken ct)
    {
        PartnerRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<PartnerRequest>(request.Body, json.Value.SerializerOptions, ct);
        }
        catch (JsonException ex)
        {
            return Results.Problem($"The body is not a valid partner: {ex.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid JSON");
        }

        if (body is null)
        {
            return Results.Problem("A partner object is required.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid partner");
        }

        var (config, errors) = PartnerRequestValidator.Validate(body, partnerId);
        if (config is null)
        {
            return ValidationProblem.For("Invalid partner", errors);
        }

        var grain = grains.GetGrain<IPartnerGrain>(config.Id);
        var existed = await grain.GetConfig() is not null;
        await grain.Configure(config);
        var view = PartnerView.From(config, await grain.GetHealth());
        return existed ? Results.Ok(view) : Results.Created($"/api/admin/partners/{Uri.EscapeDataString(config.Id)}", view);
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<IPartnerDirectoryGrain>(0).GetPartnerIds();
        var views = await Task.WhenAll(ids.Select(async id =>
        {
            var grain = grains.GetGrain<IPartnerGrain>(id);
            return await grain.GetConfig() is { } config ? PartnerView.From(config, await grain.GetHealth()) : null;
        }));
        return Results.Ok(views.Where(v => v is not null));
    }

    private static async Task<IResult> GetAsync(string partnerId, IGrainFactory grains)
    {
        var grain = grains.GetGrain<IPartnerGrain>(partnerId);
        return await grain.GetConfig() is { } config
            ? Results.Ok(PartnerView.From(config, await grain.GetHealth()))
            : Results.Problem($"No partner '{partnerId}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
    }

    private static async Task<IResult> DeleteAsync(string partnerId, IGrainFactory grains)
    {
        var grain = grains.GetGrain<IPartnerGrain>(partnerId);
        if (await grain.GetConfig() is null)
        {
            return Results.Problem($"No partner '{partnerId}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        await grain.Remove();
        return Results.NoContent();
    }
}
