using StatusGrid.Grains.ChargePoints;

namespace StatusGrid.Grains.Tests.ChargePoints;

public sealed class StatusRequestRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_station_that_booted_before_is_asked_once_when_the_boot_wait_after_it_reconnects_ends()
    {
        var rule = new StatusRequestRule();
        Assert.Equal(StatusAsk.WaitForBoot, rule.Heard(SignOfLife.Connect, wasOffline: false, bootedBefore: true, T0));
        Assert.Equal(StatusAsk.Nothing, rule.Heard(SignOfLife.Frame, wasOffline: false, bootedBefore: true, T0));
        Assert.Empty(rule.BootWaitOver()!);
        Assert.Equal(StatusAsk.Nothing, rule.Heard(SignOfLife.Frame, wasOffline: false, bootedBefore: true, T0));
        Assert.Null(rule.BootWaitOver()); // asked once per connection
    }

    [Fact]
    public void What_the_station_reports_during_the_boot_wait_is_left_out_of_the_asking()
    {
        var rule = new StatusRequestRule();
        rule.Reported(0, 1, T0); // before the reconnect: not this connection's word
        rule.Heard(SignOfLife.Connect, wasOffline: false, bootedBefore: true, T0);
        rule.Reported(0, 2, T0);
        rule.Reported(0, 3, T0);

        Assert.Equal([(0, 2), (0, 3)], rule.BootWaitOver()!.Order());
    }

    [Fact]
    public void A_station_that_boots_during_the_wait_is_not_asked_because_it_reports_after_booting()
    {
        var booting = new StatusRequestRule();
        booting.Heard(SignOfLife.Connect, wasOffline: false, bootedBefore: true, T0);
        Assert.Equal(StatusAsk.Nothing, booting.Heard(SignOfLife.Boot, wasOffline: false, bootedBefore: true, T0));
        Assert.Null(booting.BootWaitOver());
    }

    [Fact]
    public void A_second_connection_during_the_wait_starts_no_second_wait()
    {
        var rule = new StatusRequestRule();
        Assert.Equal(StatusAsk.WaitForBoot, rule.Heard(SignOfLife.Connect, wasOffline: false, bootedBefore: true, T0));
        rule.Reported(0, 1, T0);
        Assert.Equal(StatusAsk.Nothing, rule.Heard(SignOfLife.Connect, wasOffline: false, bootedBefore: true, T0));
        Assert.Equal([(0, 1)], rule.BootWaitOver()!);
    }

    [Fact]
    public void A_first_connection_is_not_asked_and_a_station_back_from_offline_on_its_socket_is()
    {
        var rule = new StatusRequestRule();
        Assert.Equal(StatusAsk.Nothing, rule.Heard(SignOfLife.Connect, wasOffline: false, bootedBefore: false, T0));
        Assert.Equal(StatusAsk.Nothing, rule.Heard(SignOfLife.Frame, wasOffline: false, bootedBefore: false, T0));
        Assert.Null(rule.BootWaitOver());
        Assert.Equal(StatusAsk.WaitForBoot, rule.Heard(SignOfLife.Frame, wasOffline: true, bootedBefore: true, T0));
        Assert.NotNull(rule.BootWaitOver());
    }

    [Fact]
    public void A_report_observed_before_the_wait_began_was_queued_while_away_and_does_not_spare_the_asking()
    {
        var rule = new StatusRequestRule();
        rule.Heard(SignOfLife.Connect, wasOffline: false, bootedBefore: true, T0);
        rule.Reported(0, 1, T0.AddSeconds(-30));
        rule.Reported(0, 2, T0.AddSeconds(1));

        Assert.Equal([(0, 2)], rule.BootWaitOver()!);
    }

    [Fact]
    public void A_report_stamped_in_whole_seconds_in_the_second_the_wait_began_counts()
    {
        var rule = new StatusRequestRule();
        rule.Heard(SignOfLife.Connect, wasOffline: false, bootedBefore: true, T0.AddMilliseconds(700));
        rule.Reported(0, 1, T0); // "10:00:00Z", sent at 10:00:00.9
        rule.Reported(0, 2, T0.AddMilliseconds(-1));

        Assert.Equal([(0, 1)], rule.BootWaitOver()!);
    }
}
