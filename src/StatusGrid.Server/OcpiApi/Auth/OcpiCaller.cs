using StatusGrid.Contracts.Registrations;

namespace StatusGrid.Server.OcpiApi.Auth;

/// <summary>The partner behind the token of the current OCPI request.</summary>
/// <param name="Token">The token as presented (after Base64 decoding): the credentials GET echoes it.</param>
public sealed record OcpiCaller(string PartnerId, OcpiTokenKind Kind, string Token)
{
    public static OcpiCaller From(HttpContext context) =>
        context.Items[typeof(OcpiCaller)] as OcpiCaller ?? throw new InvalidOperationException("OCPI route without OcpiAuthFilter");
}
