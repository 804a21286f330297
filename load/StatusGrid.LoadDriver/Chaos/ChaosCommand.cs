using System.Globalization;
using StatusGrid.LoadDriver.Cli;
using StatusGrid.LoadDriver.Report;
using StatusGrid.LoadDriver.Workload;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Chaos;

/// <summary>
/// <c>chaos</c>: steady ingest with three partners (the third failing 20% of pushes by default) while a silo is
/// killed with SIGKILL, or stopped with SIGTERM (a rolling restart: silo 1, 2, 3, ...), and started again. After each
/// kill: the client resends what was not confirmed, then every confirmed change must be in the store, every partner
/// must hold every EVSE's latest state within the bound, and no partner may have seen an EVSE go backwards.
/// </summary>
internal static class ChaosCommand
{
    public static async Task<int> ExecuteAsync(CommandLine line, string commandText)
    {
        var kind = line.Text("kind", "kill")!;
        var (catalog, partners, faults, rate, batch, senders, silos, settings, modes) = SharedOptions.Steady(line, locations: 100, rate: 500, batch: 20);
        var kills = line.Int("kills", 3);
        var before = line.Seconds("before-seconds", 5);
        var down = line.Seconds("down-seconds", silos > 1 ? 3 : 0);
        var after = line.Seconds("after-seconds", 5);
        var bound = line.Seconds("converge-seconds", 30);
        var grace = line.Seconds("grace-seconds", 30);
        line.EnsureAllUsed();
        if (kind is not ("kill" or "term"))
        {
            throw new ArgumentException("--kind is kill (SIGKILL) or term (SIGTERM, graceful).");
        }

        if (kills is < 1 or > 1_000 || silos is < 1 or > 5 || rate is <= 0 or > 20_000)
        {
            throw new ArgumentException("Bounds: --kills 1..1000, --silos 1..5, --rate up to 20,000.");
        }

        var started = DateTimeOffset.UtcNow;
        Console.WriteLine($"chaos: {kills} × {(kind == "kill" ? "SIGKILL" : "SIGTERM")} on {(silos == 1 ? "the embedded default (SQLite, 1 silo)" : $"{silos} silos on PostgreSQL")}, "
            + $"{catalog.Count:N0} EVSEs, {rate:N0} changes/s in batches of {batch}, {partners} partners");
        await using var cluster = await ChaosCluster.StartAsync(silos, settings, Console.Out);
        await using var run = await ChaosRun.StartAsync(cluster, new FleetOptions { Partners = partners, Faults = faults }, catalog, modes, Console.Out);
        var reports = new List<KillReport>();
        OrderedVerdict? ordered = null;
        for (var k = 0; k < kills; k++)
        {
            var victim = k % silos;
            using var stop = new CancellationTokenSource();
            var firstRequest = run.Traffic.Requests.Count;
            var traffic = run.Traffic.RunAsync(rate, batch, senders, stop.Token);
            await Task.Delay(before);
            var killedAt = run.Clock.Elapsed.TotalSeconds;
            double? stopS = null;
            if (kind == "kill")
            {
                await cluster.KillAsync(victim);
            }
            else
            {
                stopS = (await cluster.TerminateAsync(victim, grace)).TotalSeconds;
            }

            await Task.Delay(down);
            var restartedAt = run.Clock.Elapsed.TotalSeconds;
            await cluster.StartSiloAsync(victim);
            await Task.Delay(after);
            await stop.CancelAsync();
            await traffic;
            var cycle = run.Traffic.Requests.Skip(firstRequest).ToList();

            var settled = await run.Traffic.SettleAsync(batch, TimeSpan.FromSeconds(60));
            var lost = await run.LostAsync();
            var regressionsBefore = reports.Sum(r => r.Regressions);
            var converged = await run.ConvergeAsync(bound);
            // Cumulative over the run; each kill reports what it added (a state missed stays missed).
            var orderedBefore = ordered;
            ordered = run.Ordered?.Check();
            var report = KillReport.FromRequests(new KillReport(k + 1, kind == "kill" ? "SIGKILL" : "SIGTERM", cluster.Name(victim)),
                cycle, killedAt, restartedAt) with
            {
                StopS = stopS,
                Lost = lost,
                Settled = settled,
                ConvergedS = converged,
                Regressions = run.Watch.Regressions - regressionsBefore,
                OrderedMissed = ordered is null ? null : ordered.Missed + ordered.Unexpected - (orderedBefore is null ? 0 : orderedBefore.Missed + orderedBefore.Unexpected),
                OrderedRepeated = ordered is null ? null : ordered.Repeated - (orderedBefore?.Repeated ?? 0),
            };
            reports.Add(report);
            Console.WriteLine(KillReport.Header.Split('\n')[0]);
            Console.WriteLine(report.Row());
            if (converged is null)
            {
                Console.WriteLine($"  not converged after {bound.TotalSeconds:0} s: {run.DescribeBehind()}");
            }
        }

        var markdown = string.Join('\n',
            "Machine: " + MachineInfo.Describe(),
            "Date: " + started.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            "Command: `" + commandText + "`",
            "Server settings: " + (settings.Count == 0 ? "(defaults)" : string.Join("; ", settings)),
            "",
            KillReport.Header,
            string.Join('\n', reports.Select(r => r.Row())),
            "",
            string.Create(CultureInfo.InvariantCulture, $"{reports.Count(r => r.Passed)} of {reports.Count} kills passed every check; "
                + $"unavailable max {reports.Max(r => r.UnavailableS):0.00} s; longest request {reports.Max(r => r.LongestRequestS):0.00} s; "
                + $"{run.Traffic.Requests.Count:N0} requests; items rejected {run.Traffic.RejectedItems}; first regression: {run.Watch.FirstRegression ?? "none"}{(ordered is null ? "" : "; ordered partners: " + ordered.Describe())}"));
        Console.WriteLine();
        Console.WriteLine(markdown);
        return reports.All(r => r.Passed) && run.Traffic.RejectedItems == 0 ? 0 : 1;
    }
}
