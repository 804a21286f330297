using StatusGrid.Contracts.Registrations;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Server.OcpiApi.Auth;

/// <summary>
/// Resolves the calling partner from <c>Authorization: Token ...</c>, or answers 401. The header may carry the token
/// Base64-encoded (2.2+) or raw (2.1.1, and many 2.2 partners): every reading <see cref="OcpiToken.CandidateTokens"/>
/// allows is looked up by hash, as the spec advises ("trial and error"). A registration token (token A) opens only
/// the configuration modules. An address with too many failed authentications this minute gets 429 before any lookup
/// (<see cref="OcpiAuthFailures"/>).
/// </summary>
public sealed class OcpiAuthFilter(OcpiModule module) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var failures = http.RequestServices.GetRequiredService<OcpiAuthFailures>();
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (failures.RetryAfter(address) is { } wait)
        {
            // Refused before any lookup: this address has failed too often this minute (most likely guessing tokens).
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            return OcpiResults.TooManyRequests(http,
                $"Too many failed authentications from this address; retry after {seconds} s (StatusGrid:RateLimits).", seconds);
        }

        var candidates = OcpiToken.CandidateTokens(http.Request.Headers.Authorization.ToString());
        if (candidates.Count == 0)
        {
            failures.Failed(address);
            return OcpiResults.Unauthorized(http, "Missing or malformed Authorization header; expected 'Token <credentials token>'");
        }

        var lookup = http.RequestServices.GetRequiredService<OcpiTokenLookup>();
        foreach (var token in candidates)
        {
            if (await lookup.FindAsync(token) is not { } grant)
            {
                continue;
            }

            if (grant.Kind == OcpiTokenKind.Registration && module is not (OcpiModule.Versions or OcpiModule.Credentials))
            {
                return OcpiResults.Unauthorized(http, "A registration token (token A) may only be used on the versions and credentials modules");
            }

            http.Items[typeof(OcpiCaller)] = new OcpiCaller(grant.PartnerId, grant.Kind, token);
            return await next(context);
        }

        failures.Failed(address);
        return OcpiResults.Unauthorized(http, "Unknown or revoked credentials token");
    }
}
