using System.Diagnostics;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;
using StatusGrid.Storage.GroupCommit;

namespace StatusGrid.StorageBench;

/// <summary>
/// N writers, each awaiting one <see cref="IStatusStore.WriteAsync"/> after another (like N EVSE grains each
/// waiting for durability), over a fixed set of EVSEs spread across locations. Each writer owns its EVSEs, so
/// versions rise per EVSE as in production.
/// </summary>
internal static class StatusWriteBench
{
    private static long s_versionBase;

    private static readonly EvseStatus[] Statuses = [EvseStatus.Available, EvseStatus.Charging, EvseStatus.Blocked, EvseStatus.OutOfOrder];

    public static async Task<BenchResult> RunAsync(string provider, IStatusStore store, int writers, BenchOptions options)
    {
        // Warm-up: connections, prepared plans, JIT.
        await RunWritersAsync(store, writers, options, TimeSpan.FromSeconds(1), versionBase: NextVersionBase());

        var stats = (IGroupCommitStatistics)store;
        var batchesBefore = stats.CommittedBatches;
        var stopwatch = Stopwatch.StartNew();
        var latencies = await RunWritersAsync(store, writers, options, options.Duration, versionBase: NextVersionBase());
        stopwatch.Stop();
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new BenchResult(provider, writers, all.Length, stopwatch.Elapsed, stats.CommittedBatches - batchesBefore, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static async Task<List<double>[]> RunWritersAsync(IStatusStore store, int writers, BenchOptions options, TimeSpan duration, long versionBase)
    {
        using var stop = new CancellationTokenSource(duration);
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var latencies = new List<double>(4096);
            var version = versionBase;
            var evse = w;
            while (!stop.IsCancellationRequested)
            {
                evse += writers;
                if (evse >= options.Evses)
                {
                    evse = w;
                }

                version++;
                var record = new EvseStatusRecord(
                    $"LOC{evse % options.Locations:D5}",
                    $"EVSE{evse:D6}",
                    Statuses[version % Statuses.Length],
                    DateTimeOffset.UtcNow,
                    version);
                var started = Stopwatch.GetTimestamp();
                await store.WriteAsync(record);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return latencies;
        })).ToArray();
        return [.. await Task.WhenAll(tasks)];
    }

    /// <summary>
    /// The store refuses a version at or below the one it holds (a stale grain activation), so every run — warm-up
    /// included — writes above everything written before on the same database.
    /// </summary>
    private static long NextVersionBase() => Interlocked.Add(ref s_versionBase, 1_000_000_000L);

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
