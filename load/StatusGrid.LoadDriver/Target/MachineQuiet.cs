using System.Globalization;

namespace StatusGrid.LoadDriver.Target;

/// <summary>
/// This machine is shared (other builds and test runs come and go). Before a measured phase, wait a bounded time for
/// the CPU used by processes other than the target and this driver to drop, and say what it was.
/// </summary>
internal static class MachineQuiet
{
    /// <summary>Other processes may use this much (percent of one core) and still count as quiet.</summary>
    public const double Threshold = 15;

    public static async Task<double> WaitAsync(IReadOnlyList<int> targetPids, TimeSpan maxWait, TextWriter log)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var others = await OthersAsync(targetPids);
        if (others > Threshold && maxWait > TimeSpan.Zero)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  other processes use {others:N0}% CPU; waiting up to {maxWait.TotalSeconds:N0} s for quiet"));
            while (others > Threshold && waited.Elapsed < maxWait)
            {
                others = await OthersAsync(targetPids);
            }

            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  other processes: {others:N0}% CPU after {waited.Elapsed.TotalSeconds:N0} s"));
        }

        return others;
    }

    /// <summary>CPU (percent of one core) over one second used by neither the target nor this process.</summary>
    private static async Task<double> OthersAsync(IReadOnlyList<int> targetPids)
    {
        var machine = ProcStat.ReadMachineTicks();
        var own = Ticks(targetPids);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var machineAfter = ProcStat.ReadMachineTicks();
        var ownAfter = Ticks(targetPids);
        if (machine is not { } m || machineAfter is not { } a || a.Total <= m.Total)
        {
            return 0;
        }

        // /proc/stat counts jiffies of all cores: (busy share) × cores × 100 = percent of one core.
        var busy = (double)(a.Busy - m.Busy) / (a.Total - m.Total) * Environment.ProcessorCount * 100;
        return Math.Max(0, busy - ((ownAfter - own) / ProcStat.TicksPerSecond * 100));
    }

    private static long Ticks(IReadOnlyList<int> targetPids) =>
        targetPids.Append(Environment.ProcessId).Sum(pid => ProcStat.ReadCpuTicks(pid) ?? 0);
}
