using System.Text.Json;

namespace StatusGrid.Ocpi.Transport;

/// <summary>
/// The result of one call to a partner. Nothing here holds the partner's raw body or an exception's text: those may
/// carry anything the far side (or the network behind a URL) chose to put there, so they never reach a caller.
/// </summary>
/// <param name="HttpStatus">0 when no HTTP answer arrived.</param>
/// <param name="OcpiStatus">The envelope's status_code, when the answer had a readable envelope.</param>
/// <param name="Data">The envelope's data (Undefined when absent or on failure). Owned by the exchange's document.</param>
/// <param name="Body">The bounded body bytes (for strict parsing by the caller); empty on transport failures.</param>
public sealed record OcpiExchange(
    OcpiOutcome Outcome,
    int HttpStatus,
    int? OcpiStatus,
    string? OcpiStatusMessage,
    JsonElement Data,
    byte[] Body,
    TimeSpan? RetryAfter)
{
    public bool IsSuccess => Outcome == OcpiOutcome.Success;

    /// <summary>
    /// A short, bounded description naming what failed, for logs, partner health and error answers, e.g.
    /// "answered HTTP 500", "address not allowed". Never contains partner-supplied text.
    /// </summary>
    public string Describe() => Outcome switch
    {
        OcpiOutcome.Success => $"answered HTTP {HttpStatus}",
        OcpiOutcome.OcpiError => $"answered OCPI status {OcpiStatus}",
        OcpiOutcome.InvalidEnvelope => "did not answer with a valid OCPI response envelope",
        OcpiOutcome.Unauthorized => "answered HTTP 401: the token was not accepted",
        OcpiOutcome.Redirect => $"answered HTTP {HttpStatus} (a redirect, which is not followed)",
        OcpiOutcome.HttpError => $"answered HTTP {HttpStatus}",
        OcpiOutcome.TooLarge => "answered with more than the allowed response size",
        OcpiOutcome.Timeout => "did not answer in time",
        OcpiOutcome.Connection => "could not be reached",
        OcpiOutcome.AddressNotAllowed => "address not allowed (loopback, private, link-local, CGNAT, multicast or unspecified, or a public address over plain http: use https)",
        OcpiOutcome.InvalidRequest => "is not an absolute http(s) URL",
        _ => "failed",
    };

    /// <summary>
    /// A metric-safe failure class: a fixed set of names ("timeout", "http_503", "ocpi_2001", "ocpi_3xxx"...).
    /// HTTP statuses are 3 digits by protocol; OCPI codes outside the spec's own list collapse to their class, so
    /// a partner cannot mint new label values.
    /// </summary>
    public string Kind => Outcome switch
    {
        OcpiOutcome.Success => "ok",
        OcpiOutcome.OcpiError => OcpiKind(OcpiStatus),
        OcpiOutcome.Unauthorized or OcpiOutcome.Redirect or OcpiOutcome.HttpError => HttpStatus is >= 100 and <= 599 ? $"http_{HttpStatus}" : "http_other",
        OcpiOutcome.TooLarge => "too_large",
        OcpiOutcome.InvalidEnvelope => "invalid_envelope",
        OcpiOutcome.Timeout => "timeout",
        OcpiOutcome.Connection => "connection",
        OcpiOutcome.AddressNotAllowed => "address_not_allowed",
        OcpiOutcome.InvalidRequest => "invalid_request",
        _ => "error",
    };

    private static readonly int[] KnownCodes =
    [
        OcpiStatusCode.ClientError, OcpiStatusCode.InvalidOrMissingParameters, OcpiStatusCode.NotEnoughInformation,
        OcpiStatusCode.UnknownLocation, OcpiStatusCode.UnknownToken, OcpiStatusCode.ServerError,
        OcpiStatusCode.UnableToUseClientApi, OcpiStatusCode.UnsupportedVersion, OcpiStatusCode.NoMatchingEndpoints,
        OcpiStatusCode.HubError, OcpiStatusCode.UnknownReceiver, OcpiStatusCode.ForwardedRequestTimeout, OcpiStatusCode.ConnectionProblem,
    ];

    private static string OcpiKind(int? code) => code switch
    {
        { } c when KnownCodes.Contains(c) => $"ocpi_{c}",
        >= 2000 and < 3000 => "ocpi_2xxx",
        >= 3000 and < 4000 => "ocpi_3xxx",
        >= 4000 and < 5000 => "ocpi_4xxx",
        _ => "ocpi_other",
    };

    internal static OcpiExchange Failed(OcpiOutcome outcome, int httpStatus = 0, TimeSpan? retryAfter = null) =>
        new(outcome, httpStatus, null, null, default, [], retryAfter);
}
