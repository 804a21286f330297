using StatusGrid.LoadDriver.Report;

namespace StatusGrid.LoadDriver.Scenarios;

/// <summary>
/// The same load with and without map clients on one server, alternated (with/without, then without/with, ...), so
/// that the load of a shared machine drifting during the run lands on both sides. Per pair: partner p99 with ÷ without
/// (issue: ≤ 1.2×), ingest request p99 with ÷ without; over all pairs: the spread, and the CPU and memory per client.
/// </summary>
public sealed record PairedComparison(IReadOnlyList<PairedComparison.Pair> Pairs)
{
    public sealed record Pair(RunResult With, RunResult Without)
    {
        public double? PartnerP99Ratio => Ratio.Of(With.PartnerLatencyMs.P99, Without.PartnerLatencyMs.P99);

        public double? RequestP99Ratio => Ratio.Of(With.Ingest.RequestLatencyMs.P99, Without.Ingest.RequestLatencyMs.P99);

        /// <summary>Target CPU with − without, in % of one core.</summary>
        public double CpuDelta => With.Usage.TargetCpuAvgPercent - Without.Usage.TargetCpuAvgPercent;
    }

    public int Clients => Pairs.Count == 0 ? 0 : Pairs[0].With.Settings.HubClients + Pairs[0].With.Settings.ZoomedOutClients;

    public IReadOnlyList<double> PartnerP99Ratios => [.. Pairs.Select(p => p.PartnerP99Ratio).OfType<double>()];

    /// <summary>The median pair's ratio: the figure the 1.2× bound is checked against (the worst pair is shown next to it).</summary>
    public double? MedianPartnerP99Ratio => Median(PartnerP99Ratios);

    /// <summary>Extra target CPU per 1,000 clients, in % of one core (median over pairs).</summary>
    public double? CpuPerThousandClients => Clients == 0 ? null : Median([.. Pairs.Select(p => p.CpuDelta * 1000 / Clients)]);

    /// <summary>Resident memory per connected client (median over the phases with clients).</summary>
    public double? KbPerClient => Median([.. Pairs.Select(p => p.With.ClientCost?.KbPerClient).OfType<double>()]);

    /// <summary>Phase order for pair <paramref name="index"/> (0-based): with first on even pairs, without first on odd ones.</summary>
    public static bool WithClientsFirst(int index) => index % 2 == 0;

    internal static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
