using StatusGrid.Grains.Evses;

namespace StatusGrid.Grains.Tests;

/// <summary>When a silo gives memory back after idle EVSE grains were collected (<see cref="MemoryTrimRule"/>).</summary>
public sealed class MemoryTrimRuleTests
{
    private DateTimeOffset _now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The trimmer looks every 30 s.</summary>
    private DateTimeOffset Look() => _now += TimeSpan.FromSeconds(30);

    [Fact]
    public void A_second_wave_soon_after_a_trim_waits_for_the_interval_and_is_not_forgotten()
    {
        var rule = new MemoryTrimRule(threshold: 10_000, TimeSpan.FromMinutes(10));
        Assert.False(rule.Observe(100_000, Look()));
        Assert.False(rule.Observe(80_000, Look()));
        Assert.True(rule.Observe(80_000, Look()));
        Assert.False(rule.Observe(60_000, Look()));
        for (var look = 0; look < 18; look++)
        {
            Assert.False(rule.Observe(60_000, Look())); // within 10 minutes of the trim
        }

        Assert.True(rule.Observe(60_000, Look()));
    }

    [Fact]
    public void A_wave_of_collected_grains_is_trimmed_once_after_the_count_stops_falling()
    {
        var rule = new MemoryTrimRule(threshold: 10_000, TimeSpan.Zero);
        Assert.False(rule.Observe(100_000, Look()));
        Assert.False(rule.Observe(100_000, Look()));
        Assert.False(rule.Observe(60_000, Look())); // the wave is under way
        Assert.False(rule.Observe(2_000, Look()));
        Assert.True(rule.Observe(2_000, Look()));
        Assert.False(rule.Observe(2_000, Look())); // once per wave
        Assert.False(rule.Observe(1_900, Look()));
    }

    [Fact]
    public void Fewer_collected_grains_than_the_threshold_are_no_reason_to_trim()
    {
        var rule = new MemoryTrimRule(threshold: 10_000, TimeSpan.Zero);
        Assert.False(rule.Observe(50_000, Look()));
        Assert.False(rule.Observe(40_001, Look()));
        Assert.False(rule.Observe(40_001, Look()));
    }

    [Fact]
    public void A_slow_trickle_of_idle_grains_still_adds_up_to_a_trim()
    {
        var rule = new MemoryTrimRule(threshold: 10_000, TimeSpan.Zero);
        var trims = 0;
        for (var count = 100_000; count >= 50_000; count -= 500)
        {
            trims += rule.Observe(count, Look()) ? 1 : 0;
        }

        Assert.Equal(5, trims); // at 90,000, 80,000, 70,000, 60,000 and 50,000
    }

    [Fact]
    public void Grains_activated_again_raise_the_mark_the_next_wave_is_measured_from()
    {
        var rule = new MemoryTrimRule(threshold: 10_000, TimeSpan.Zero);
        Assert.False(rule.Observe(30_000, Look()));
        Assert.False(rule.Observe(10_000, Look()));
        Assert.True(rule.Observe(10_000, Look()));
        Assert.False(rule.Observe(25_000, Look())); // reports activated them again
        Assert.False(rule.Observe(16_000, Look()));
        Assert.False(rule.Observe(16_000, Look())); // 9,000 below the mark
        Assert.False(rule.Observe(14_000, Look()));
        Assert.True(rule.Observe(14_000, Look()));
    }

    [Fact]
    public void A_threshold_of_zero_turns_trimming_off()
    {
        var rule = new MemoryTrimRule(threshold: 0, TimeSpan.Zero);
        Assert.False(rule.Observe(100_000, Look()));
        Assert.False(rule.Observe(0, Look()));
        Assert.False(rule.Observe(0, Look()));
    }
}
