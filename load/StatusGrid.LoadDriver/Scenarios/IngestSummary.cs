using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Scenarios;

/// <param name="Window">First request sent → last answer received.</param>
public sealed record IngestSummary(
    long Requests,
    long Errors,
    string? FirstError,
    long Sent,
    long Applied,
    long Duplicates,
    long Stale,
    long Rejected,
    TimeSpan Window,
    LatencySummary RequestLatencyMs)
{
    /// <summary>Applied (durable) changes per second over the send window.</summary>
    public double Throughput => Window.TotalSeconds > 0 ? Applied / Window.TotalSeconds : 0;
}
