using System.Diagnostics;

namespace StatusGrid.LoadDriver.Target;

/// <summary>
/// Samples the target processes (all silos summed), this driver and the whole machine every 250 ms from /proc while a
/// scenario runs. Stops by itself after <c>maxDuration</c>, so a hung run cannot sample forever.
/// </summary>
internal sealed class ProcessSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly IReadOnlyList<int> _pids;
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;
    private readonly List<double> _cpu = [];
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly long _targetTicksStart;
    private readonly long _driverTicksStart;
    private readonly (long Busy, long Total)? _machineStart;
    private double _rssPeak;
    private double _rssLast;

    public ProcessSampler(IReadOnlyList<int> pids, TimeSpan maxDuration)
    {
        _pids = pids;
        _stop = new CancellationTokenSource(maxDuration);
        _targetTicksStart = TargetTicks();
        _driverTicksStart = ProcStat.ReadCpuTicks(Environment.ProcessId) ?? 0;
        _machineStart = ProcStat.ReadMachineTicks();
        _loop = Task.Run(LoopAsync);
    }

    public async Task<ResourceUsage> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        var elapsed = _elapsed.Elapsed;
        var machineEnd = ProcStat.ReadMachineTicks();
        var machineBusy = _machineStart is { } s && machineEnd is { } e && e.Total > s.Total
            ? (double)(e.Busy - s.Busy) / (e.Total - s.Total) * 100
            : 0;
        var target = ProcStat.CpuPercent(_targetTicksStart, TargetTicks(), elapsed);
        var driver = ProcStat.CpuPercent(_driverTicksStart, ProcStat.ReadCpuTicks(Environment.ProcessId) ?? 0, elapsed);
        lock (_cpu)
        {
            return new ResourceUsage(target, _cpu.Count == 0 ? 0 : _cpu.Max(), _rssPeak, _rssLast, driver, machineBusy,
                Math.Max(0, (machineBusy * Environment.ProcessorCount) - target - driver));
        }
    }

    private async Task LoopAsync()
    {
        var lastTicks = _targetTicksStart;
        var lastAt = _elapsed.Elapsed;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var ticks = TargetTicks();
                var at = _elapsed.Elapsed;
                var rss = _pids.Sum(pid => ProcStat.ReadRssBytes(pid) ?? 0) / (1024.0 * 1024.0);
                lock (_cpu)
                {
                    _cpu.Add(ProcStat.CpuPercent(lastTicks, ticks, at - lastAt));
                    _rssLast = rss;
                    _rssPeak = Math.Max(_rssPeak, rss);
                }

                lastTicks = ticks;
                lastAt = at;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private long TargetTicks() => _pids.Sum(pid => ProcStat.ReadCpuTicks(pid) ?? 0);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
