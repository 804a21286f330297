using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Pull;

/// <summary>What N partners pulling every Location page by page saw (summed over pullers).</summary>
public sealed record PullResult(
    PullOutcome Outcome,
    string Message,
    int Pullers,
    long Pages,
    long Locations,
    long? TotalCountHeader,
    long Bytes,
    TimeSpan Elapsed,
    LatencySummary PageLatencyMs)
{
    public double LocationsPerSecond => Elapsed.TotalSeconds > 0 ? Locations / Elapsed.TotalSeconds : 0;
}
