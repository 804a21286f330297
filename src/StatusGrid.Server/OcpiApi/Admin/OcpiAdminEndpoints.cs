using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using StatusGrid.Contracts.Registrations;
using StatusGrid.Ocpi.Transport;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Server.Auth;
using StatusGrid.Server.Http;
using StatusGrid.Server.OcpiApi.Auth;
using StatusGrid.Server.OcpiApi.Credentials;
using StatusGrid.Server.Admin.Partners;

namespace StatusGrid.Server.OcpiApi.Admin;

/// <summary>
/// The operator's side of the credentials handshake, behind the admin API key: invite a partner (token A for it),
/// register with a partner (its token A), look at, refresh, filter and unregister registrations.
/// </summary>
public static class OcpiAdminEndpoints
{
    public static IEndpointRouteBuilder MapOcpiAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/ocpi").RequireApiKey(ApiKeyScope.Admin).RequireValidPartnerId().WithTags("Admin: OCPI registrations");
        group.MapPost("/invitations", InviteAsync);
        group.MapPost("/registrations", RegisterAsync);
        group.MapGet("/registrations", RegistrationListing.ListAsync).WithSummary("Paged list of registrations (offset, limit, q on id or name, status).");
        group.MapGet("/registrations/{partnerId}", GetAsync);
        group.MapPost("/registrations/{partnerId}/refresh", RefreshAsync);
        group.MapPut("/registrations/{partnerId}/filter", SetFilterAsync);
        group.MapDelete("/registrations/{partnerId}", DeleteAsync);
        return app;
    }

    private static async Task<Results<Created<InvitationResponse>, ProblemHttpResult>> InviteAsync(HttpRequest request, IGrainFactory grains, OcpiUrls urls, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, invalid) = await ReadAsync<InvitationRequest>(request, json, ct);
        if (body is null)
        {
            return invalid!;
        }

        var errors = new List<OcpiValidationError>();
        AdminRequests.CheckPartnerId(body.PartnerId, errors);
        PartnerFilterValidator.Check(body.Filter, errors);
        if (errors.Count > 0)
        {
            return ValidationProblems.For("Invalid invitation", errors);
        }

        var partnerId = body.PartnerId ?? AdminRequests.NewPartnerId();
        var grain = grains.GetGrain<IOcpiRegistrationGrain>(partnerId);
        var current = await grain.Get();
        if (current is { Status: OcpiRegistrationStatus.Registered })
        {
            return Conflict($"Partner '{partnerId}' is already registered; it can PUT its credentials to change them");
        }

        // A new invitation replaces an older token A (the commit revokes it).
        var tokenA = OcpiTokenGenerator.New();
        var stored = await grain.Commit(current?.Generation, new OcpiRegistration
        {
            PartnerId = partnerId,
            Status = OcpiRegistrationStatus.Pending,
            Direction = OcpiRegistrationDirection.TheyRegister,
            Name = body.Name,
            Filter = AdminRequests.Filter(body.Filter),
            TokenHashes = [OcpiTokenHash.Of(tokenA)],
        });
        if (stored is null)
        {
            return Conflict($"The registration of '{partnerId}' changed meanwhile; try again");
        }

        return TypedResults.Created($"/api/admin/ocpi/registrations/{Uri.EscapeDataString(partnerId)}",
            new InvitationResponse(partnerId, tokenA, urls.Versions(request.HttpContext)));
    }

    private static async Task<Results<Created<RegistrationView>, ProblemHttpResult>> RegisterAsync(HttpRequest request, OutboundRegistration outbound, PartnerUrlRule urls, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, invalid) = await ReadAsync<RegistrationRequest>(request, json, ct);
        if (body is null)
        {
            return invalid!;
        }

        var errors = new List<OcpiValidationError>();
        AdminRequests.CheckPartnerId(body.PartnerId, errors);
        PartnerFilterValidator.Check(body.Filter, errors);
        if (urls.Check(body.VersionsUrl) is { } urlRule)
        {
            errors.Add(new("versions_url", $"Required: the partner's OCPI versions URL, {urlRule}."));
        }

        if (!OcpiToken.IsValidToken(body.Token))
        {
            errors.Add(new("token", "Required: the token A the partner gave us (1 to 64 printable ASCII characters, no spaces)."));
        }

        if (errors.Count > 0)
        {
            return ValidationProblems.For("Invalid registration", errors);
        }

        var partnerId = body.PartnerId ?? AdminRequests.NewPartnerId();
        var (registration, failure) = await outbound.RegisterAsync(
            request.HttpContext, partnerId, body.Name, body.VersionsUrl!, body.Token!, AdminRequests.Filter(body.Filter), ct);
        if (registration is null)
        {
            return Failed(failure!);
        }

        return TypedResults.Created($"/api/admin/ocpi/registrations/{Uri.EscapeDataString(partnerId)}", RegistrationView.From(registration));
    }

    private static async Task<Results<Ok<RegistrationView>, ProblemHttpResult>> GetAsync(string partnerId, IGrainFactory grains, ClusterReads reads)
    {
        if (await reads.Read(grains.GetGrain<IOcpiRegistrationGrain>(partnerId).Get(), $"Registration '{partnerId}'") is not { } registration)
        {
            return NotFound(partnerId);
        }

        return TypedResults.Ok(RegistrationView.From(registration));
    }

    private static async Task<Results<Ok<RegistrationView>, ProblemHttpResult>> RefreshAsync(string partnerId, HttpRequest request, IGrainFactory grains, OutboundRegistration outbound, CancellationToken ct)
    {
        if (await grains.GetGrain<IOcpiRegistrationGrain>(partnerId).Get() is not { Status: OcpiRegistrationStatus.Registered } current)
        {
            return NotFound(partnerId);
        }

        var (registration, failure) = await outbound.RefreshAsync(request.HttpContext, current, ct);
        if (registration is null)
        {
            return Failed(failure!);
        }

        return TypedResults.Ok(RegistrationView.From(registration));
    }

    private static async Task<Results<Ok<RegistrationView>, ProblemHttpResult>> SetFilterAsync(string partnerId, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, invalid) = await ReadAsync<PartnerFilterRequest>(request, json, ct);
        if (body is null)
        {
            return invalid!;
        }

        var errors = new List<OcpiValidationError>();
        PartnerFilterValidator.Check(body, errors);
        if (errors.Count > 0)
        {
            return ValidationProblems.For("Invalid filter", errors);
        }

        var grain = grains.GetGrain<IOcpiRegistrationGrain>(partnerId);
        if (await grain.Get() is not { } current)
        {
            return NotFound(partnerId);
        }

        var stored = await grain.Commit(current.Generation, current with { Filter = AdminRequests.Filter(body) });
        if (stored is null)
        {
            return Conflict("The registration changed meanwhile; try again");
        }

        return TypedResults.Ok(RegistrationView.From(stored));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string partnerId, IGrainFactory grains, OutboundRegistration outbound, CancellationToken ct)
    {
        if (await grains.GetGrain<IOcpiRegistrationGrain>(partnerId).Get() is not { } current)
        {
            return NotFound(partnerId);
        }

        await outbound.UnregisterAsync(current, ct);
        return TypedResults.NoContent();
    }

    private static async Task<(T? Body, ProblemHttpResult? Invalid)> ReadAsync<T>(HttpRequest request, IOptions<JsonOptions> json, CancellationToken ct)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, json.Value.SerializerOptions, ct);
            return body is null
                ? (null, TypedResults.Problem("A JSON object is required.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid request"))
                : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, TypedResults.Problem($"The body is not valid: {ex.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid JSON"));
        }
    }

    /// <summary>A handshake that failed at the partner: 502, with the OCPI status code (3001, 3002, 3003) that says why.</summary>
    private static ProblemHttpResult Failed(HandshakeFailure failure) => failure.OcpiStatus == 0
        ? Conflict(failure.Message)
        : TypedResults.Problem(failure.Message, statusCode: StatusCodes.Status502BadGateway, title: $"OCPI handshake failed ({failure.OcpiStatus})",
            extensions: new Dictionary<string, object?> { ["ocpi_status_code"] = failure.OcpiStatus });

    private static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    private static ProblemHttpResult NotFound(string partnerId) =>
        TypedResults.Problem($"No OCPI registration '{partnerId}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
