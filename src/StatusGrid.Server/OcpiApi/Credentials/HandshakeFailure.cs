using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Server.OcpiApi.Credentials;

/// <summary>Why a credentials handshake stopped, as the OCPI status code the spec gives for it.</summary>
public sealed record HandshakeFailure(int OcpiStatus, string Message)
{
    /// <summary>3001: a call to the partner failed or its answer was not usable.</summary>
    public static HandshakeFailure Unreachable(string message) => new(OcpiStatusCode.UnableToUseClientApi, message);

    /// <summary>3002: no version in common.</summary>
    public static HandshakeFailure UnsupportedVersion(string message) => new(OcpiStatusCode.UnsupportedVersion, message);

    /// <summary>Not the partner's fault: our own registration state changed or forbids the step (status 0, no OCPI code).</summary>
    public static HandshakeFailure Conflict(string message) => new(0, message);

    /// <summary>3003: the partner lacks an endpoint we need.</summary>
    public static HandshakeFailure NoUsableEndpoint(string message) => new(OcpiStatusCode.NoMatchingEndpoints, message);
}
