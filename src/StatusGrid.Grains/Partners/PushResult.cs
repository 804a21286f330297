namespace StatusGrid.Grains.Partners;

/// <param name="Kind">Short failure class for metrics, e.g. "timeout", "http_503", "ocpi_2001".</param>
public readonly record struct PushResult(PushOutcome Outcome, string Kind, string? Detail = null, TimeSpan? RetryAfter = null)
{
    public static readonly PushResult Ok = new(PushOutcome.Success, "ok");

    /// <summary>The answer's HTTP status code; null when no answer came (timeout, connection error).</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The status_code of the answer's OCPI envelope, when it had one.</summary>
    public int? OcpiStatusCode { get; init; }

    /// <summary>The status_message of the answer's OCPI envelope (or the start of a body that was not one).</summary>
    public string? OcpiMessage { get; init; }

    /// <summary>
    /// A failure after which the partner may or may not have applied the request: no answer (timeout, dropped
    /// connection), a gateway's 502/504, or a hub's "forwarded request timed out" (OCPI 4002).
    /// </summary>
    public bool OutcomeUnknown => Outcome == PushOutcome.Retryable
        && (HttpStatus is null or 502 or 504 || OcpiStatusCode == Ocpi.Transport.OcpiStatusCode.ForwardedRequestTimeout);
}
