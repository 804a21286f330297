using StatusGrid.LoadDriver.Pull;
using StatusGrid.LoadDriver.Target;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Scenarios;

/// <summary>Everything measured in one run against one target.</summary>
/// <param name="OthersCpuBefore">CPU of unrelated processes on the machine just before the run (percent of one core).</param>
/// <param name="PartnerP99By5s">
/// ingest→partner p99 per 5 s of send time (warm-up excluded), to show trends and stalls; null where every change sent in
/// those 5 s was superseded by a newer state before delivery.
/// </param>
public sealed record RunResult(
    ScenarioSettings Settings,
    TargetKind Kind,
    string Target,
    DateTimeOffset StartedAt,
    TimeSpan Setup,
    double OthersCpuBefore,
    IngestSummary Ingest,
    LatencySummary PartnerLatencyMs,
    IReadOnlyList<PartnerDelivery> Partners,
    int EvsesTouched,
    int LatestStateEverywhere,
    long UncorrelatedPatches,
    HubSummary? Hub,
    TimeSpan Drain,
    bool Drained,
    ResourceUsage Usage,
    double RssAfterSetupMb,
    IReadOnlyList<double?> PartnerP99By5s,
    IReadOnlyList<double?> HubP99By5s,
    PullResult? Pull)
{
    /// <summary>Changed EVSEs not at every partner whose last state was in a request the server did not accept (not resent).</summary>
    public int LastStateInFailedRequest { get; init; }

    /// <summary>Memory of the phase's map clients, when it had any.</summary>
    public ClientCost? ClientCost { get; init; }
}
