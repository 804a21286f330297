namespace StatusGrid.MockEmsp;

/// <summary>
/// What one mock partner does to each push: wait <see cref="LatencyMs"/> (plus up to <see cref="JitterMs"/>) before
/// answering, and fail a fraction <see cref="ErrorRate"/> of pushes with HTTP 503, as a slow or flaky eMSP would.
/// </summary>
public sealed record PartnerFaults(double LatencyMs = 0, double JitterMs = 0, double ErrorRate = 0)
{
    public static readonly PartnerFaults None = new();

    public bool IsNone => LatencyMs <= 0 && JitterMs <= 0 && ErrorRate <= 0;
}
