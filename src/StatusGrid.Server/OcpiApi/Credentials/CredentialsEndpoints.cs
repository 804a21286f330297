using StatusGrid.Server.OcpiApi.Auth;

namespace StatusGrid.Server.OcpiApi.Credentials;

/// <summary>The Credentials module (configuration module, no routing headers): GET, POST, PUT, DELETE; PATCH is n/a.</summary>
public static class CredentialsEndpoints
{
    public static RouteGroupBuilder MapOcpiCredentials(this RouteGroupBuilder ocpi)
    {
        var credentials = ocpi.MapGroup("/{version}/credentials").RequireOcpiToken(OcpiModule.Credentials);
        credentials.MapGet("", (HttpContext context, CredentialsHandshake handshake) => handshake.Get(context));
        credentials.MapPost("", (HttpContext context, CredentialsHandshake handshake, CancellationToken ct) => handshake.RegisterAsync(context, update: false, ct));
        credentials.MapPut("", (HttpContext context, CredentialsHandshake handshake, CancellationToken ct) => handshake.RegisterAsync(context, update: true, ct));
        credentials.MapDelete("", (HttpContext context, CredentialsHandshake handshake) => handshake.DeleteAsync(context));
        credentials.MapMethods("", [HttpMethods.Patch], (HttpContext context) =>
            OcpiResults.MethodNotAllowed(context, "PATCH is not defined for credentials; PUT the full object"));
        return ocpi;
    }
}
