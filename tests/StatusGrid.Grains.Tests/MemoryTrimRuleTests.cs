using StatusGrid.Grains.Evses;

namespace StatusGrid.Grains.Tests;

/// <summary>When a silo gives memory back after idle EVSE grains were collected (<see cref="MemoryTrimRule"/>).</summary>
public sealed class MemoryTrimRuleTests
{
    [Fact]
    public void A_wave_of_collected_grains_is_trimmed_once_after_the_count_stops_falling()
    {
        var rule = new MemoryTrimRule(threshold: 10_000);
        Assert.False(rule.Observe(100_000));
        Assert.False(rule.Observe(100_000));
        Assert.False(rule.Observe(60_000)); // the wave is under way
        Assert.False(rule.Observe(2_000));
        Assert.True(rule.Observe(2_000));
        Assert.False(rule.Observe(2_000)); // once per wave
        Assert.False(rule.Observe(1_900));
    }

    [Fact]
    public void Fewer_collected_grains_than_the_threshold_are_no_reason_to_trim()
    {
        var rule = new MemoryTrimRule(threshold: 10_000);
        Assert.False(rule.Observe(50_000));
        Assert.False(rule.Observe(40_001));
        Assert.False(rule.Observe(40_001));
    }

    [Fact]
    public void A_slow_trickle_of_idle_grains_still_adds_up_to_a_trim()
    {
        var rule = new MemoryTrimRule(threshold: 10_000);
        var trims = 0;
        for (var count = 100_000; count >= 50_000; count -= 500)
        {
            trims += rule.Observe(count) ? 1 : 0;
        }

        Assert.Equal(5, trims); // at 90,000, 80,000, 70,000, 60,000 and 50,000
    }

    [Fact]
    public void Grains_activated_again_raise_the_mark_the_next_wave_is_measured_from()
    {
        var rule = new MemoryTrimRule(threshold: 10_000);
        Assert.False(rule.Observe(30_000));
        Assert.False(rule.Observe(10_000));
        Assert.True(rule.Observe(10_000));
        Assert.False(rule.Observe(25_000)); // reports activated them again
        Assert.False(rule.Observe(16_000));
        Assert.False(rule.Observe(16_000)); // 9,000 below the mark
        Assert.False(rule.Observe(14_000));
        Assert.True(rule.Observe(14_000));
    }

    [Fact]
    public void A_threshold_of_zero_turns_trimming_off()
    {
        var rule = new MemoryTrimRule(threshold: 0);
        Assert.False(rule.Observe(100_000));
        Assert.False(rule.Observe(0));
        Assert.False(rule.Observe(0));
    }
}
