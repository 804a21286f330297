using StatusGrid.MockEmsp;

namespace StatusGrid.Load.Tests;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_of_a_uniform_spread_are_within_a_tenth_of_a_percent()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.RecordMilliseconds(ms);
        }

        var summary = histogram.Summarize();
        Assert.Equal(1000, summary.Count);
        Assert.InRange(summary.P50, 499.5, 500.5);
        Assert.InRange(summary.P95, 949.5, 950.5);
        Assert.InRange(summary.P99, 989.5, 990.5);
        Assert.InRange(summary.Max, 999.5, 1000.5);
        Assert.InRange(summary.Mean, 500, 501);
    }

    [Fact]
    public void Microsecond_resolution_is_kept_below_a_millisecond()
    {
        var histogram = new LatencyHistogram();
        histogram.RecordMicros(250);
        histogram.RecordMicros(750);

        var summary = histogram.Summarize();
        Assert.InRange(summary.P50, 0.249, 0.251);
        Assert.InRange(summary.Max, 0.749, 0.751);
    }

    [Fact]
    public void Negative_samples_count_as_zero_and_are_reported()
    {
        var histogram = new LatencyHistogram();
        histogram.RecordMicros(-400);
        histogram.RecordMicros(1_000);

        Assert.Equal(1, histogram.ClampedNegative);
        Assert.Equal(2, histogram.Count);
        Assert.True(histogram.Summarize().P50 <= 0.001);
    }

    [Fact]
    public void Add_merges_and_Reset_empties()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.RecordMilliseconds(1);
        b.RecordMilliseconds(100);
        b.RecordMilliseconds(100);

        a.Add(b);
        Assert.Equal(3, a.Summarize().Count);
        Assert.InRange(a.Summarize().P50, 99.9, 100.1);

        a.Reset();
        Assert.Equal(LatencySummary.Empty, a.Summarize());
    }

    [Fact]
    public async Task Concurrent_writers_lose_no_sample()
    {
        var histogram = new LatencyHistogram();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                histogram.RecordMicros(i);
            }
        })));

        Assert.Equal(80_000, histogram.Count);
    }
}
