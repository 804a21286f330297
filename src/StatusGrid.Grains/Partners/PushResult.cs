namespace StatusGrid.Grains.Partners;

/// <param name="Kind">Short failure class for metrics, e.g. "timeout", "http_503", "ocpi_2001".</param>
public readonly record struct PushResult(PushOutcome Outcome, string Kind, string? Detail = null, TimeSpan? RetryAfter = null)
{
    public static readonly PushResult Ok = new(PushOutcome.Success, "ok");
}
