using System.Text;
using StatusGrid.LoadDriver.Scenarios;
using static StatusGrid.LoadDriver.Report.Numbers;

namespace StatusGrid.LoadDriver.Report;

/// <summary>The suite's results as Markdown tables: one row per target per scenario, then StatusGrid ÷ baseline.</summary>
internal static class MarkdownReport
{
    public const string Header =
        "| scenario | target | offered | achieved changes/s | ingest→partner p50 / p95 / p99 / max ms | ingest→SignalR p50 / p95 / p99 / max ms | delivered / coalesced per partner | latest state everywhere | drain s | target CPU avg % | target RSS peak MB | driver CPU % | others CPU % |\n"
        + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

    public static string Row(RunResult r)
    {
        var offered = r.Settings.Mode switch
        {
            SendMode.Rate => $"{N0(r.Settings.Rate)}/s × {r.Settings.Duration.TotalSeconds:0} s",
            SendMode.Burst => $"{N0(r.Settings.EvseCount)} at once",
            _ => "–",
        };
        var delivered = r.Partners.Count == 0 ? "–" : $"{N0(r.Partners.Average(p => p.Delivered))} / {N0(r.Partners.Average(p => p.Coalesced))}";
        var hub = r.Hub is { } h ? $"{Latency(h.LatencyMs)} ({h.Connected} clients)" : "–";
        var target = r.Kind == Target.TargetKind.Baseline ? "baseline" : "StatusGrid";
        return $"| {r.Settings.Name} | {target} | {offered} | {N0(r.Ingest.Throughput)} | {Latency(r.PartnerLatencyMs)} | {hub} | {delivered} | "
            + $"{N0(r.LatestStateEverywhere)}/{N0(r.EvsesTouched)}{(r.LastStateInFailedRequest > 0 ? $" ({N0(r.LastStateInFailedRequest)} last sent in a refused request)" : "")} | {r.Drain.TotalSeconds:0.00}{(r.Drained ? "" : " (not drained)")} | {N0(r.Usage.TargetCpuAvgPercent)} | {N0(r.Usage.TargetRssPeakMb)} | {N0(r.Usage.DriverCpuAvgPercent)} | {N0(r.Usage.OthersCpuAvgPercent)} |";
    }

    public static string RatioRow(RunResult statusGrid, RunResult baseline)
    {
        var partner = statusGrid.PartnerLatencyMs.Count > 0 && baseline.PartnerLatencyMs.Count > 0
            ? $"p50 {Ratio.Format(Ratio.Of(statusGrid.PartnerLatencyMs.P50, baseline.PartnerLatencyMs.P50))}, p99 {Ratio.Format(Ratio.Of(statusGrid.PartnerLatencyMs.P99, baseline.PartnerLatencyMs.P99))}"
            : "–";
        var hub = statusGrid.Hub is { } sh && baseline.Hub is { } bh && sh.LatencyMs.Count > 0 && bh.LatencyMs.Count > 0
            ? $"p50 {Ratio.Format(Ratio.Of(sh.LatencyMs.P50, bh.LatencyMs.P50))}, p99 {Ratio.Format(Ratio.Of(sh.LatencyMs.P99, bh.LatencyMs.P99))}"
            : "–";
        return $"| {statusGrid.Settings.Name} | **StatusGrid ÷ baseline** | | {Ratio.Format(Ratio.Of(statusGrid.Ingest.Throughput, baseline.Ingest.Throughput))} | {partner} | {hub} | | | | "
            + $"{Ratio.Format(Ratio.Of(statusGrid.Usage.TargetCpuAvgPercent, baseline.Usage.TargetCpuAvgPercent))} | {Ratio.Format(Ratio.Of(statusGrid.Usage.TargetRssPeakMb, baseline.Usage.TargetRssPeakMb))} | | |";
    }

    public static string Table(IEnumerable<(RunResult StatusGrid, RunResult? Baseline)> pairs)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (statusGrid, baseline) in pairs)
        {
            text.Append(Row(statusGrid)).Append('\n');
            if (baseline is not null)
            {
                text.Append(Row(baseline)).Append('\n').Append(RatioRow(statusGrid, baseline)).Append('\n');
            }
        }

        return text.ToString();
    }
}
