using System.Diagnostics;
using StatusGrid.LoadDriver.Measure;
using StatusGrid.LoadDriver.Workload;

namespace StatusGrid.LoadDriver.Scenarios;

/// <summary>
/// Steady state: requests of <c>BatchSize</c> changes on a fixed schedule (rate / batch per second), EVSEs in
/// round-robin so each changes every Count / rate seconds. Requests due while <c>MaxInFlight</c> are outstanding wait
/// for a slot and are sent late, so a target that cannot keep up shows as an achieved rate below the target rate.
/// Nothing is scheduled after <c>duration</c>.
/// </summary>
internal static class RateSender
{
    public static async Task RunAsync(
        ScenarioSettings settings, double rate, TimeSpan duration, bool measured,
        EvseCatalog catalog, StatusTable table, SendRegistry registry, IngestSender sender, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(settings.BatchSize / rate);
        var planned = (long)Math.Ceiling(rate * duration.TotalSeconds / settings.BatchSize);
        using var slots = new SemaphoreSlim(settings.MaxInFlight);
        var inFlight = new List<Task>();
        var nextEvse = 0;
        var evses = new List<int>(settings.BatchSize);
        var start = Stopwatch.GetTimestamp();
        for (long request = 0; request < planned && !cancellationToken.IsCancellationRequested;)
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (elapsed > duration + interval)
            {
                break;
            }

            var due = Math.Min(planned, (long)(elapsed / interval) + 1);
            if (request >= due)
            {
                // ~1 ms timer granularity on Linux: a request is at most ~1-2 ms late, without spinning a core.
                await Task.Delay(1, cancellationToken);
                continue;
            }

            await slots.WaitAsync(cancellationToken);
            evses.Clear();
            for (var i = 0; i < settings.BatchSize; i++)
            {
                evses.Add(nextEvse);
                nextEvse = (nextEvse + 1) % catalog.Count;
            }

            var (body, records) = ChangeBatch.Build(catalog, table, registry, evses, IngestSender.NowUnixMs(), measured);
            inFlight.Add(SendAndReleaseAsync(sender, body, records, slots, cancellationToken));
            request++;
            if (inFlight.Count > 4 * settings.MaxInFlight)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(inFlight);
    }

    private static async Task SendAndReleaseAsync(IngestSender sender, byte[] body, SendRecord[] records, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(body, records, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }
}
