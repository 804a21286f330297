using StatusGrid.Grains.ChargePoints;

namespace StatusGrid.Grains.Tests.ChargePoints;

public sealed class LivenessRuleTests
{
    private static readonly DateTimeOffset Seen = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_charge_point_is_silent_only_after_the_configured_multiple_of_its_heartbeat_interval()
    {
        var rule = new LivenessRule(TimeSpan.FromMinutes(5), 3);

        Assert.Equal(TimeSpan.FromMinutes(15), rule.Window);
        Assert.False(rule.IsSilent(Seen, Seen.AddMinutes(15)));
        Assert.True(rule.IsSilent(Seen, Seen.AddMinutes(15).AddMilliseconds(1)));
    }

    [Fact]
    public void The_check_runs_four_times_per_window_but_at_most_every_100_ms_and_at_least_every_30_s()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), new LivenessRule(TimeSpan.FromMinutes(5), 3).CheckPeriod);
        Assert.Equal(TimeSpan.FromSeconds(1), new LivenessRule(TimeSpan.FromSeconds(2), 2).CheckPeriod);
        Assert.Equal(TimeSpan.FromMilliseconds(100), new LivenessRule(TimeSpan.FromMilliseconds(50), 1).CheckPeriod);
    }

    [Fact]
    public void A_charge_point_that_left_is_gone_once_the_grace_passed_unless_the_grace_is_zero_or_it_is_connected()
    {
        var rule = new LivenessRule(TimeSpan.FromMinutes(5), 3, TimeSpan.FromSeconds(30));

        Assert.False(rule.IsGone(Seen, Seen.AddSeconds(29.999)));
        Assert.True(rule.IsGone(Seen, Seen.AddSeconds(30)));
        Assert.False(rule.IsGone(null, Seen.AddHours(1)));
        Assert.False(new LivenessRule(TimeSpan.FromMinutes(5), 3).IsGone(Seen, Seen.AddHours(1)));
    }
}
