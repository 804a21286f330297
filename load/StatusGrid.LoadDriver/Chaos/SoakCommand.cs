using System.Diagnostics;
using System.Globalization;
using StatusGrid.LoadDriver.Api;
using StatusGrid.LoadDriver.Cli;
using StatusGrid.LoadDriver.Dashboards;
using StatusGrid.LoadDriver.Report;
using StatusGrid.LoadDriver.Target;
using StatusGrid.LoadDriver.Workload;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Chaos;

/// <summary>
/// <c>soak</c>: steady ingest for a long time with the three partners (one flaky) and SignalR dashboards, no kills.
/// Every interval it prints the silos' resident memory, the partners' ingest→PATCH p99 over that interval, the
/// partners' queue depth and what ingest did, so a leak or a growing backlog shows as a trend. At the end the same
/// checks as after a kill: every confirmed change stored, every partner converged, no regression.
/// </summary>
internal static class SoakCommand
{
    public static async Task<int> ExecuteAsync(CommandLine line, string commandText)
    {
        var duration = line.Seconds("seconds", 120);
        var interval = line.Seconds("report-seconds", 60);
        var (catalog, partners, faults, rate, batch, senders, silos, settings, modes) = SharedOptions.Steady(line, locations: 1_000, rate: 2_000, batch: 50);
        var clients = line.Int("clients", 100);
        line.EnsureAllUsed();
        if (duration > TimeSpan.FromHours(4) || rate is <= 0 or > 20_000 || clients is < 0 or > 5_000 || interval < TimeSpan.FromSeconds(5))
        {
            throw new ArgumentException("Bounds: --seconds up to 14,400, --rate up to 20,000, --clients up to 5,000, --report-seconds at least 5.");
        }

        var started = DateTimeOffset.UtcNow;
        Console.WriteLine($"soak: {duration.TotalSeconds:N0} s at {rate:N0} changes/s, {catalog.Count:N0} EVSEs, {partners} partners, {clients} dashboards, {silos} silo(s)");
        await using var cluster = await ChaosCluster.StartAsync(silos, settings, Console.Out);
        await using var run = await ChaosRun.StartAsync(cluster, new FleetOptions { Partners = partners, Faults = faults }, catalog, modes, Console.Out);
        long hubItems = 0;
        // Each dashboard watches a random city-sized viewport of the estate, as a map user would.
        var viewportRandom = new Random(1);
        var viewports = Enumerable.Range(0, clients).Select(_ => ViewportMix.City(catalog, viewportRandom)).ToArray();
        await using var hubs = await HubClientPool.ConnectAsync(cluster.Urls, clients, (_, _) => Interlocked.Increment(ref hubItems), TimeSpan.FromSeconds(60), i => viewports[i]);
        Console.WriteLine($"  {hubs.Connected} dashboards connected ({hubs.Failed} failed)");

        var rows = new List<string>();
        using var stop = new CancellationTokenSource(duration);
        run.Fleet.Recorder.Reset();
        var traffic = run.Traffic.RunAsync(rate, batch, senders, stop.Token);
        var clock = Stopwatch.StartNew();
        var seen = 0;
        while (!traffic.IsCompleted)
        {
            await Task.WhenAny(traffic, Task.Delay(interval));
            var requests = run.Traffic.Requests.Skip(seen).ToList();
            seen += requests.Count;
            var report = run.Fleet.Report();
            run.Fleet.Recorder.Reset();
            using var admin = run.Admin();
            var health = await admin.GetPartnersAsync(CancellationToken.None);
            var rss = cluster.Pids.Sum(pid => ProcStat.ReadRssBytes(pid) ?? 0) / (1024.0 * 1024.0);
            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {clock.Elapsed.TotalMinutes:0.0} | {rss:N0} | {string.Join(" / ", report.Partners.Select(p => p.LatencyMs.P99.ToString("N0", CultureInfo.InvariantCulture)))} | "
                + $"{string.Join(" / ", health.OrderBy(h => h.Id, StringComparer.Ordinal).Select(h => h.QueueDepth))} | {requests.Count(r => r.Outcome == RequestOutcome.Ok)} | "
                + $"{requests.Count(r => r.Outcome != RequestOutcome.Ok)} | {(requests.Count == 0 ? 0 : requests.Max(r => r.DurationS) * 1000):N0} | {report.Patches:N0} | {Interlocked.Read(ref hubItems):N0} |");
            rows.Add(row);
            Console.WriteLine(row);
        }

        await traffic;
        var settled = await run.Traffic.SettleAsync(batch, TimeSpan.FromSeconds(60));
        var lost = await run.LostAsync();
        var converged = await run.ConvergeAsync(TimeSpan.FromSeconds(60));
        var ordered = run.Ordered?.Check();
        var markdown = string.Join('\n',
            "Machine: " + MachineInfo.Describe(),
            "Date: " + started.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            "Command: `" + commandText + "`",
            "",
            "| minute | RSS MB (all silos) | partner p99 ms (P1 / P2 / P3) | queue depth (P1 / P2 / P3) | requests ok | failed | longest request ms | PATCHes | dashboard items |",
            "| ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |",
            string.Join('\n', rows),
            "",
            string.Create(CultureInfo.InvariantCulture, $"Settled: {settled}; lost confirmed changes: {lost}; partners converged: {(converged is { } c ? $"{c:0.0} s after the end" : "NOT within 60 s")}; regressions: {run.Watch.Regressions}; rejected items: {run.Traffic.RejectedItems}{(ordered is null ? "" : "; ordered partners: " + ordered.Describe())}"));
        Console.WriteLine();
        Console.WriteLine(markdown);
        return settled && lost == 0 && converged is not null && run.Watch.Regressions == 0 && ordered?.Kept != false ? 0 : 1;
    }
}
