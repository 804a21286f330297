using StatusGrid.LoadDriver.Pull;
using StatusGrid.LoadDriver.Scenarios;
using static StatusGrid.LoadDriver.Report.Numbers;

namespace StatusGrid.LoadDriver.Report;

/// <summary>A run in plain text, for the terminal.</summary>
internal static class ConsoleReport
{
    public static void Print(RunResult r, TextWriter o)
    {
        var i = r.Ingest;
        o.WriteLine($"-- {r.Settings.Name}: {r.Target}");
        if (r.Settings.Mode != SendMode.None)
        {
            o.WriteLine($"ingest     : {N0(i.Sent)} sent, {N0(i.Applied)} applied ({N0(i.Duplicates)} duplicate, {N0(i.Stale)} stale, {N0(i.Rejected)} rejected; "
                + $"{N0(i.Errors)} failed requests{(i.FirstError is null ? "" : ": " + i.FirstError)}) in {i.Window.TotalSeconds:N1} s = {N0(i.Throughput)} changes/s");
            o.WriteLine($"request    : p50/p95/p99/max {Latency(i.RequestLatencyMs)} ms over {N0(i.Requests)} requests");
        }

        if (r.Partners.Count > 0)
        {
            o.WriteLine($"→ partner  : p50/p95/p99/max {Latency(r.PartnerLatencyMs)} ms (n={N0(r.PartnerLatencyMs.Count)})");
            foreach (var p in r.Partners)
            {
                o.WriteLine($"  {p.Id,-8} : {N0(p.Delivered)} delivered, {N0(p.Coalesced)} coalesced, {N0(p.Repeats)} repeats, {N0(p.Failures)} failures"
                    + $"{(p.InjectedErrors > 0 ? $" ({N0(p.InjectedErrors)} injected)" : "")}; p99 {Ms(p.LatencyMs.P99)} ms");
            }

            // By send time: "–" where every change sent in those 5 s was superseded before delivery (not a stall).
            o.WriteLine($"  p99 by 5 s of sending: {Windows(r.PartnerP99By5s)} ms");
            o.WriteLine($"latest     : {N0(r.LatestStateEverywhere)}/{N0(r.EvsesTouched)} changed EVSEs have their last state at every partner"
                + (r.LastStateInFailedRequest > 0 ? $"; {N0(r.LastStateInFailedRequest)} others had it in a request the server did not accept (503/error, not resent)" : "")
                + (r.UncorrelatedPatches > 0 ? $"; {N0(r.UncorrelatedPatches)} PATCHes of states not sent in this run" : ""));
        }

        if (r.Hub is { } h)
        {
            o.WriteLine($"→ SignalR  : p50/p95/p99/max {Latency(h.LatencyMs)} ms; {h.Connected}/{h.Clients} clients, {N0(h.Items)} items ({N0(h.Expected)} owed: each accepted change once per client watching its tile)");
            if (r.HubP99By5s.Count > 0)
            {
                o.WriteLine($"  p99 by 5 s of sending: {Windows(r.HubP99By5s)} ms");
            }
        }

        o.WriteLine($"drain      : {(r.Drained ? "" : "NOT drained; ")}last arrival {r.Drain.TotalSeconds:N2} s after the last ingest answer");
        var u = r.Usage;
        o.WriteLine($"resources  : target CPU avg {N0(u.TargetCpuAvgPercent)}% (peak {N0(u.TargetCpuPeakPercent)}%) of {Environment.ProcessorCount * 100}%; "
            + $"RSS after setup {N0(r.RssAfterSetupMb)} MB, peak {N0(u.TargetRssPeakMb)} MB; driver CPU {N0(u.DriverCpuAvgPercent)}%; other processes {N0(u.OthersCpuAvgPercent)}% (before: {N0(r.OthersCpuBefore)}%); machine busy {N0(u.MachineBusyAvgPercent)}% of all cores");
        if (r.Pull is { } pull)
        {
            o.WriteLine(pull.Outcome == PullOutcome.Completed
                ? $"pull       : {N0(pull.Locations)} locations in {N0(pull.Pages)} pages by {pull.Pullers} partner(s) in {pull.Elapsed.TotalSeconds:N2} s "
                    + $"({N0(pull.LocationsPerSecond)} locations/s, {N0(pull.Bytes / 1024.0)} KiB); page p50/p95/p99/max {Latency(pull.PageLatencyMs)} ms"
                : $"pull       : {pull.Outcome.ToString().ToUpperInvariant()}: {pull.Message}");
        }

        o.WriteLine();
    }

    /// <summary>"–" for a window with nothing to measure.</summary>
    internal static string Windows(IEnumerable<double?> p99s) => string.Join(" ", p99s.Select(p => p is { } ms ? Ms(ms) : "–"));

    public static void PrintComparison(RunResult statusGrid, RunResult baseline, TextWriter o)
    {
        o.WriteLine($"-- {statusGrid.Settings.Name}: StatusGrid relative to the baseline forwarder");
        o.WriteLine($"throughput : {Ratio.Format(Ratio.Of(statusGrid.Ingest.Throughput, baseline.Ingest.Throughput))} ({N0(statusGrid.Ingest.Throughput)} vs {N0(baseline.Ingest.Throughput)} changes/s)");
        if (statusGrid.PartnerLatencyMs.Count > 0 && baseline.PartnerLatencyMs.Count > 0)
        {
            o.WriteLine($"→ partner  : p50 {Ratio.Format(Ratio.Of(statusGrid.PartnerLatencyMs.P50, baseline.PartnerLatencyMs.P50))}, "
                + $"p99 {Ratio.Format(Ratio.Of(statusGrid.PartnerLatencyMs.P99, baseline.PartnerLatencyMs.P99))}");
        }

        if (statusGrid.Hub is { } sh && baseline.Hub is { } bh && sh.LatencyMs.Count > 0 && bh.LatencyMs.Count > 0)
        {
            o.WriteLine($"→ SignalR  : p50 {Ratio.Format(Ratio.Of(sh.LatencyMs.P50, bh.LatencyMs.P50))}, p99 {Ratio.Format(Ratio.Of(sh.LatencyMs.P99, bh.LatencyMs.P99))}");
        }

        o.WriteLine($"CPU        : {Ratio.Format(Ratio.Of(statusGrid.Usage.TargetCpuAvgPercent, baseline.Usage.TargetCpuAvgPercent))} of the baseline's average");
        o.WriteLine();
    }
}
