using StatusGrid.Grains.Evses;

namespace StatusGrid.Grains.Tests;

/// <summary>When a silo gives memory back after idle EVSE grains were collected (<see cref="MemoryTrimRule"/>).</summary>
public sealed class MemoryTrimRuleTests
{
    private DateTimeOffset _now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_second_wave_soon_after_a_trim_waits_for_the_interval_and_is_not_forgotten()
    {
        var rule = new MemoryTrimRule(threshold: 10_000, TimeSpan.FromMinutes(10));
        // Trimmed at the third look; the next wave's trim waits until 10 minutes (20 looks) after it.
        int[] counts = [100_000, 80_000, 80_000, .. Enumerable.Repeat(60_000, 20)];
        Assert.Equal([2, 22], TrimsAt(rule, counts));
    }

    [Fact]
    public void A_wave_of_collected_grains_is_trimmed_once_after_the_count_stops_falling()
    {
        var rule = new MemoryTrimRule(threshold: 10_000, TimeSpan.Zero);
        // Under way while the count falls; once per wave.
        Assert.Equal([4], TrimsAt(rule, 100_000, 100_000, 60_000, 2_000, 2_000, 2_000, 1_900));
    }

    [Fact]
    public void Fewer_collected_grains_than_the_threshold_are_no_reason_to_trim()
    {
        var rule = new MemoryTrimRule(threshold: 10_000, TimeSpan.Zero);
        Assert.Empty(TrimsAt(rule, 50_000, 40_001, 40_001));
    }

    [Fact]
    public void A_slow_trickle_of_idle_grains_still_adds_up_to_a_trim()
    {
        var rule = new MemoryTrimRule(threshold: 10_000, TimeSpan.Zero);
        int[] counts = [.. Enumerable.Range(0, 101).Select(i => 100_000 - (i * 500))];
        var trims = TrimsAt(rule, counts).Select(i => counts[i]);
        Assert.Equal([90_000, 80_000, 70_000, 60_000, 50_000], trims);
    }

    [Fact]
    public void Grains_activated_again_raise_the_mark_the_next_wave_is_measured_from()
    {
        var rule = new MemoryTrimRule(threshold: 10_000, TimeSpan.Zero);
        // Reports activate 15,000 again (mark 25,000); 9,000 below it is not enough, 11,000 is once the count holds.
        Assert.Equal([2, 7], TrimsAt(rule, 30_000, 10_000, 10_000, 25_000, 16_000, 16_000, 14_000, 14_000));
    }

    [Fact]
    public void A_threshold_of_zero_turns_trimming_off()
    {
        var rule = new MemoryTrimRule(threshold: 0, TimeSpan.Zero);
        Assert.Empty(TrimsAt(rule, 100_000, 0, 0));
    }

    /// <summary>Feeds one count per look (the trimmer looks every 30 s); the looks at which the rule said trim.</summary>
    private List<int> TrimsAt(MemoryTrimRule rule, params int[] counts) =>
        [.. counts.Select((count, look) => (look, trim: rule.Observe(count, _now += TimeSpan.FromSeconds(30)))).Where(r => r.trim).Select(r => r.look)];
}
