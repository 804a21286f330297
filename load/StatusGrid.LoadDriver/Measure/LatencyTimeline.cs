using System.Diagnostics;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Measure;

/// <summary>
/// Latency by second of send time, to tell warm-up, periodic stalls (GC, timers) and a growing backlog apart, which
/// one overall percentile cannot. Bounded: at most <see cref="MaxSeconds"/> buckets.
/// </summary>
internal sealed class LatencyTimeline
{
    public const int MaxSeconds = 1_200;

    private readonly LatencyHistogram?[] _buckets = new LatencyHistogram?[MaxSeconds];
    private long _start;

    /// <summary>Seconds are counted from here (the start of the measured phase).</summary>
    public void Start(long timestamp) => Interlocked.Exchange(ref _start, timestamp);

    public void Record(long sendTimestamp, long micros)
    {
        var start = Interlocked.Read(ref _start);
        if (start == 0 || sendTimestamp < start)
        {
            return;
        }

        var second = (int)Stopwatch.GetElapsedTime(start, sendTimestamp).TotalSeconds;
        if (second >= MaxSeconds)
        {
            return;
        }

        var bucket = Volatile.Read(ref _buckets[second]);
        if (bucket is null)
        {
            Interlocked.CompareExchange(ref _buckets[second], new LatencyHistogram(significantDigits: 2), null);
            bucket = Volatile.Read(ref _buckets[second])!;
        }

        bucket.RecordMicros(micros);
    }

    /// <summary>
    /// p99 per group of <paramref name="secondsPerGroup"/> seconds of send time, up to the last second with data; null for
    /// a group none of whose changes arrived as themselves (each superseded by a newer state of its EVSE before it went
    /// out, which a partner far behind does to whole groups), so it does not read as "0 ms" or as "nothing arrived".
    /// </summary>
    public IReadOnlyList<double?> P99(int secondsPerGroup)
    {
        var last = Array.FindLastIndex(_buckets, b => b is not null);
        var groups = new List<double?>();
        for (var first = 0; first <= last; first += secondsPerGroup)
        {
            LatencyHistogram? merged = null;
            for (var s = first; s < Math.Min(first + secondsPerGroup, MaxSeconds); s++)
            {
                if (_buckets[s] is { } bucket)
                {
                    (merged ??= new LatencyHistogram(significantDigits: 2)).Add(bucket);
                }
            }

            groups.Add(merged?.Summarize().P99);
        }

        return groups;
    }
}
