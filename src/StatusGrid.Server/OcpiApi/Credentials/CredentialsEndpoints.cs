using Microsoft.AspNetCore.Http.HttpResults;
using StatusGrid.Server.OcpiApi.Auth;

namespace StatusGrid.Server.OcpiApi.Credentials;

/// <summary>The Credentials module (configuration module, no routing headers): GET, POST, PUT, DELETE; PATCH is n/a.</summary>
public static class CredentialsEndpoints
{
    public static RouteGroupBuilder MapOcpiCredentials(this RouteGroupBuilder ocpi)
    {
        var credentials = ocpi.MapGroup("/{version}/credentials").RequireOcpiToken(OcpiModule.Credentials);
        credentials.MapGet("", Get);
        credentials.MapPost("", RegisterAsync);
        credentials.MapPut("", UpdateAsync);
        credentials.MapDelete("", DeleteAsync);
        credentials.MapOtherMethods("", [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete],
            "credentials are replaced whole: PUT the full object");
        return ocpi;
    }

    private static Results<OcpiOk<object>, OcpiError> Get([AsParameters] OcpiRoute route, CredentialsHandshake handshake) =>
        handshake.Get(route);

    private static Task<Results<OcpiOk<object>, OcpiError>> RegisterAsync(
        [AsParameters] OcpiRoute route, CredentialsHandshake handshake, CancellationToken cancellationToken) =>
        handshake.RegisterAsync(route, update: false, cancellationToken);

    private static Task<Results<OcpiOk<object>, OcpiError>> UpdateAsync(
        [AsParameters] OcpiRoute route, CredentialsHandshake handshake, CancellationToken cancellationToken) =>
        handshake.RegisterAsync(route, update: true, cancellationToken);

    private static Task<Results<OcpiOk<object>, OcpiError>> DeleteAsync([AsParameters] OcpiRoute route, CredentialsHandshake handshake) =>
        handshake.DeleteAsync(route);
}
