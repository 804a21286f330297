using StatusGrid.LoadDriver.Dashboards;

namespace StatusGrid.Load.Tests;

public sealed class PhaseItemsTests
{
    private static readonly DateTimeOffset Reset = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Items_of_changes_sent_before_the_reset_are_not_the_phases_count_or_latency()
    {
        var phase = new PhaseItems();
        phase.Received(Reset.AddSeconds(-10).ToString("O"), Reset.AddSeconds(-9)); // the warm-up's, on time
        phase.Reset(Reset);

        // A lagging front-end still delivers the warm-up's items after the reset: 5 s old, not this phase's.
        phase.Received(Reset.AddSeconds(-5).ToString("O"), Reset.AddMilliseconds(200));
        phase.Received(Reset.AddMilliseconds(100).ToString("O"), Reset.AddMilliseconds(150));
        phase.Received(Reset.AddSeconds(1).ToString("O"), Reset.AddSeconds(1.2));

        Assert.Equal(2, phase.Count);
        var latency = phase.Latency.Summarize();
        Assert.Equal(2, latency.Count);
        Assert.InRange(latency.Max, 199, 201);
    }

    [Fact]
    public void An_item_without_a_readable_timestamp_is_counted_without_a_latency()
    {
        var phase = new PhaseItems();
        phase.Reset(Reset);

        phase.Received(null, Reset.AddSeconds(1));
        phase.Received("not a time", Reset.AddSeconds(1));

        Assert.Equal(2, phase.Count);
        Assert.Equal(0, phase.Latency.Summarize().Count);
    }
}
