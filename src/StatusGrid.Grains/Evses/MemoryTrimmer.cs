using System.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StatusGrid.Grains.Evses;

/// <summary>
/// After a wave of idle EVSE grains was collected, one compacting collection that decommits what it frees
/// (<see cref="GCCollectionMode.Aggressive"/>). Measured on 100k EVSEs (load/RESULTS.md): once the grains were
/// collected the live heap was 167 MB but the process kept 770 MB resident, because an idle silo allocates too little
/// to start a full collection; after this one it kept 280 MB. The price is one blocking full collection (0.4 s at
/// 100k EVSEs on that 2-core machine), at most once per wave of <see cref="EvseOptions.TrimAfterCollected"/>
/// collected grains and per <see cref="MinInterval"/>.
/// </summary>
public sealed partial class MemoryTrimmer(EvseActivations activations, IOptions<EvseOptions> options, TimeProvider time, ILogger<MemoryTrimmer> logger)
    : BackgroundService
{
    /// <summary>Orleans collects idle activations once a minute; a wave is over when the count held for this long.</summary>
    public static readonly TimeSpan LookInterval = TimeSpan.FromSeconds(30);

    /// <summary>At most one trim per this interval: a full collection of a 100k-EVSE silo paused it for 0.4 s here.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.TrimAfterCollected <= 0)
        {
            return;
        }

        var rule = new MemoryTrimRule(options.Value.TrimAfterCollected, MinInterval);

        using var timer = new PeriodicTimer(LookInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (rule.Observe(activations.Count, time.GetUtcNow()))
                {
                    Trim();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Trim()
    {
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var started = time.GetTimestamp();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
        LogTrimmed(logger, activations.Count, before / (1024 * 1024), after / (1024 * 1024), time.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Idle EVSE grains collected ({Active} active now): heap committed {BeforeMb} MB -> {AfterMb} MB in one full collection of {PauseMs:F0} ms")]
    private static partial void LogTrimmed(ILogger logger, long active, long beforeMb, long afterMb, double pauseMs);
}
