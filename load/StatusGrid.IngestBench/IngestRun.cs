using System.Diagnostics;
using StatusGrid.TestSupport;

namespace StatusGrid.IngestBench;

/// <summary>Runs the workers for warm-up + measured time and collects throughput, latency and where the CPU went.</summary>
internal static class IngestRun
{
    public static async Task<IngestRunResult> RunAsync(
        HttpClient ingest, HttpClient admin, BenchFleet fleet, int connections, int batchSize, IngestBenchOptions options,
        ServerProcess? server, int? postmaster)
    {
        var workers = Enumerable.Range(0, connections).Select(w => new IngestWorker(ingest, fleet, fleet.Slice(w, connections), batchSize)).ToList();
        var measureFrom = Stopwatch.GetTimestamp() + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        bool Measuring()
        {
            var now = Stopwatch.GetTimestamp();
            return now >= measureFrom && now < measureTo;
        }

        using var stop = new CancellationTokenSource();
        var running = workers.Select(w => Task.Run(() => w.RunAsync(Measuring, stop.Token))).ToList();

        await Task.Delay(options.Warmup);
        var commitsBefore = await GroupCommitScrape.ReadAsync(admin);
        var cpuBefore = MachineCpu.Sample();
        var serverBefore = server?.TotalProcessorTime ?? TimeSpan.Zero;
        var postgresBefore = postmaster is { } p0 ? ProcessTreeCpu.Sample(p0) : TimeSpan.Zero;
        var benchBefore = Process.GetCurrentProcess().TotalProcessorTime;

        await Task.Delay(options.Duration);
        var commitsAfter = await GroupCommitScrape.ReadAsync(admin);
        var busy = MachineCpu.Sample().BusySince(cpuBefore);
        var serverCores = server is null ? double.NaN : (server.TotalProcessorTime - serverBefore) / options.Duration;
        var postgresCores = postmaster is { } p1 ? (ProcessTreeCpu.Sample(p1) - postgresBefore) / options.Duration : double.NaN;
        var benchCores = (Process.GetCurrentProcess().TotalProcessorTime - benchBefore) / options.Duration;
        await stop.CancelAsync();
        await Task.WhenAll(running);

        var latencies = workers.SelectMany(w => w.Tally.LatenciesMs).Order().ToList();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
        var seconds = options.Duration.TotalSeconds;
        return new IngestRunResult(
            connections,
            batchSize,
            workers.Sum(w => w.Tally.Applied) / seconds,
            workers.Sum(w => w.Tally.Requests) / seconds,
            Percentile(0.50),
            Percentile(0.99),
            workers.Sum(w => w.Tally.NotApplied),
            workers.Sum(w => w.Tally.FailedRequests),
            workers.Select(w => w.Tally.LastError).LastOrDefault(e => e is not null),
            commitsAfter.AverageBatchSince(commitsBefore),
            busy,
            serverCores,
            postgresCores,
            benchCores,
            LoadAverage());
    }

    /// <summary>Other work on the machine shows up here; a clean run has it near the cores the run itself keeps busy.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
