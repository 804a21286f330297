using System.Globalization;
using StatusGrid.LoadDriver.Scenarios;
using static StatusGrid.LoadDriver.Report.Numbers;

namespace StatusGrid.LoadDriver.Report;

/// <summary>A paired run (<c>--pairs N</c>) in plain text and as the Markdown rows RESULTS.md takes.</summary>
internal static class PairedReport
{
    public static void Print(PairedComparison comparison, TextWriter o)
    {
        o.WriteLine($"-- paired: {comparison.Clients:N0} map clients vs none, {comparison.Pairs.Count} pairs on one server (alternated order)");
        foreach (var (pair, index) in comparison.Pairs.Select((p, i) => (p, i + 1)))
        {
            o.WriteLine($"pair {index}     : partner p99 {Ms(pair.With.PartnerLatencyMs.P99)} vs {Ms(pair.Without.PartnerLatencyMs.P99)} ms = {Ratio.Format(pair.PartnerP99Ratio)}; "
                + $"request p99 {Ms(pair.With.Ingest.RequestLatencyMs.P99)} vs {Ms(pair.Without.Ingest.RequestLatencyMs.P99)} ms = {Ratio.Format(pair.RequestP99Ratio)}; "
                + $"target CPU {N0(pair.With.Usage.TargetCpuAvgPercent)}% vs {N0(pair.Without.Usage.TargetCpuAvgPercent)}%; "
                + $"others {N0(pair.With.Usage.OthersCpuAvgPercent)}% vs {N0(pair.Without.Usage.OthersCpuAvgPercent)}%");
        }

        var ratios = comparison.PartnerP99Ratios;
        o.WriteLine(ratios.Count == 0
            ? "ratio      : n/a (no partner latencies)"
            : $"ratio      : partner p99 with ÷ without: median {Ratio.Format(comparison.MedianPartnerP99Ratio)}, range {Ratio.Format(ratios.Min())}–{Ratio.Format(ratios.Max())} (issue: ≤ 1.20×)");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per client : {Fmt(comparison.KbPerClient, "N0")} KB resident (connected, before traffic); {Fmt(comparison.CpuPerThousandClients, "N1")}% of a core per 1,000 clients (target CPU with − without)"));
        o.WriteLine();
    }

    /// <summary>One row per phase, then the ratio row.</summary>
    public static string Table(PairedComparison comparison)
    {
        var lines = new List<string>
        {
            "| pair | clients | achieved changes/s | request p99 ms | ingest→partner p50 / p99 ms | ingest→map client p50 / p99 ms | items delivered / expected | target CPU avg % | target RSS peak MB | others CPU % |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        };
        foreach (var (pair, index) in comparison.Pairs.Select((p, i) => (p, i + 1)))
        {
            var phases = PairedComparison.WithClientsFirst(index - 1) ? new[] { pair.With, pair.Without } : [pair.Without, pair.With];
            lines.AddRange(phases.Select(r =>
                $"| {index} | {(r.Settings.HubClients + r.Settings.ZoomedOutClients == 0 ? "none" : $"{N0(r.Settings.HubClients)} city + {N0(r.Settings.ZoomedOutClients)} zoomed out")} | {N0(r.Ingest.Throughput)} | "
                + $"{Ms(r.Ingest.RequestLatencyMs.P99)} | {Ms(r.PartnerLatencyMs.P50)} / {Ms(r.PartnerLatencyMs.P99)} | "
                + $"{(r.Hub is { } h ? $"{Ms(h.LatencyMs.P50)} / {Ms(h.LatencyMs.P99)}" : "–")} | {(r.Hub is { } hub ? $"{N0(hub.Items)} / {N0(hub.Expected)}" : "–")} | "
                + $"{N0(r.Usage.TargetCpuAvgPercent)} | {N0(r.Usage.TargetRssPeakMb)} | {N0(r.Usage.OthersCpuAvgPercent)} |"));
            lines.Add($"| {index} | **with ÷ without** | | {Ratio.Format(pair.RequestP99Ratio)} | p99 {Ratio.Format(pair.PartnerP99Ratio)} | | | | | |");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Fmt(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";
}
