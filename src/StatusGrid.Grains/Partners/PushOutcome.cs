namespace StatusGrid.Grains.Partners;

public enum PushOutcome
{
    Success,

    /// <summary>The partner does not hold the object (HTTP 404 or an OCPI "unknown" answer): PUT the Location.</summary>
    UnknownObject,

    /// <summary>Timeouts, connection errors, 408/429/5xx, OCPI 3xxx: try again after a backoff.</summary>
    Retryable,

    /// <summary>Other client errors: not retried; recorded with the partner's message.</summary>
    Rejected,
}
