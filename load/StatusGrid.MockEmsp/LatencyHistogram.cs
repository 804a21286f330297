using HdrHistogram;

namespace StatusGrid.MockEmsp;

/// <summary>
/// Thread-safe HdrHistogram of latencies recorded in microseconds (1 µs to 10 min, 3 significant digits), reported in
/// milliseconds. Many writers (Kestrel threads, hub receive loops) record into one instance without locks.
/// </summary>
public sealed class LatencyHistogram
{
    public const long HighestMicros = 600_000_000;

    private readonly LongConcurrentHistogram _histogram;
    private long _clampedNegative;

    /// <param name="significantDigits">3 for reported figures; 2 for many small per-second histograms (a tenth of the memory).</param>
    public LatencyHistogram(int significantDigits = 3) => _histogram = new LongConcurrentHistogram(1, HighestMicros, significantDigits);

    /// <summary>Samples below zero (clock granularity: a ms-truncated send time can be after a µs arrival time by &lt;1 ms).</summary>
    public long ClampedNegative => Interlocked.Read(ref _clampedNegative);

    public long Count => _histogram.TotalCount;

    public void RecordMicros(long micros)
    {
        if (micros < 0)
        {
            Interlocked.Increment(ref _clampedNegative);
            micros = 0;
        }

        _histogram.RecordValue(Math.Clamp(micros, 1, HighestMicros));
    }

    public void RecordMilliseconds(double milliseconds) => RecordMicros((long)Math.Round(milliseconds * 1000));

    public void Add(LatencyHistogram other) => _histogram.Add(other._histogram);

    public void Reset()
    {
        _histogram.Reset();
        Interlocked.Exchange(ref _clampedNegative, 0);
    }

    public LatencySummary Summarize()
    {
        // Copy first: percentiles over a histogram that is still being written to would mix two moments.
        var snapshot = _histogram.Copy();
        if (snapshot.TotalCount == 0)
        {
            return LatencySummary.Empty;
        }

        return new LatencySummary(
            snapshot.TotalCount,
            Ms(snapshot.GetValueAtPercentile(50)),
            Ms(snapshot.GetValueAtPercentile(95)),
            Ms(snapshot.GetValueAtPercentile(99)),
            Ms(snapshot.GetMaxValue()),
            snapshot.GetMean() / 1000.0);
    }

    private static double Ms(long micros) => micros / 1000.0;
}
