using StatusGrid.LoadDriver.Report;
using StatusGrid.LoadDriver.Scenarios;
using StatusGrid.MockEmsp;

namespace StatusGrid.Load.Tests;

public sealed class ReportMathTests
{
    [Fact]
    public void Ratios_are_statusgrid_over_baseline_and_missing_when_undefined()
    {
        Assert.Equal(2.5, Ratio.Of(25, 10));
        Assert.Null(Ratio.Of(25, 0));
        Assert.Null(Ratio.Of(double.NaN, 10));
        Assert.Equal("2.50×", Ratio.Format(2.5));
        Assert.Equal("201×", Ratio.Format(201.4));
        Assert.Equal("n/a", Ratio.Format(null));
    }

    [Fact]
    public void Throughput_is_applied_changes_over_the_send_window()
    {
        var summary = new IngestSummary(100, 0, null, 10_000, 9_000, 500, 0, 500, TimeSpan.FromSeconds(2), LatencySummary.Empty);
        Assert.Equal(4_500, summary.Throughput);
        Assert.Equal(0, summary with { Window = TimeSpan.Zero } is { Throughput: var t } ? t : -1);
    }

    [Fact]
    public void Latency_cells_read_p50_p95_p99_max()
    {
        Assert.Equal("1.25 / 12.5 / 125 / 1,250", Numbers.Latency(new LatencySummary(10, 1.25, 12.5, 125, 1250, 3)));
        Assert.Equal("–", Numbers.Latency(LatencySummary.Empty));
    }
}
