using StatusGrid.Grains.ChargePoints;

namespace StatusGrid.Grains.Tests.ChargePoints;

public sealed class StatusRequestRuleTests
{
    [Fact]
    public void A_station_that_booted_before_is_asked_once_on_the_first_frame_after_it_reconnects()
    {
        var rule = new StatusRequestRule();
        Assert.Equal(StatusAsk.WaitForBoot, rule.Heard(SignOfLife.Connect, wasOffline: false, bootedBefore: true));
        Assert.Equal(StatusAsk.Ask, rule.Heard(SignOfLife.Frame, wasOffline: false, bootedBefore: true));
        Assert.Equal(StatusAsk.Nothing, rule.Heard(SignOfLife.Frame, wasOffline: false, bootedBefore: true));
        Assert.Equal(StatusAsk.Nothing, rule.BootWaitOver()); // the timer of that connect asks nothing more
    }

    [Fact]
    public void A_reconnected_station_that_sends_nothing_is_asked_when_the_boot_wait_ends_and_one_that_boots_is_not()
    {
        var silent = new StatusRequestRule();
        silent.Heard(SignOfLife.Connect, wasOffline: false, bootedBefore: true);
        Assert.Equal(StatusAsk.Ask, silent.BootWaitOver());

        var booting = new StatusRequestRule();
        booting.Heard(SignOfLife.Connect, wasOffline: false, bootedBefore: true);
        Assert.Equal(StatusAsk.Nothing, booting.Heard(SignOfLife.Boot, wasOffline: false, bootedBefore: true));
        Assert.Equal(StatusAsk.Nothing, booting.BootWaitOver());
    }

    [Fact]
    public void A_first_connection_is_not_asked_and_a_station_back_from_offline_on_its_socket_is()
    {
        var rule = new StatusRequestRule();
        Assert.Equal(StatusAsk.Nothing, rule.Heard(SignOfLife.Connect, wasOffline: false, bootedBefore: false));
        Assert.Equal(StatusAsk.Nothing, rule.Heard(SignOfLife.Frame, wasOffline: false, bootedBefore: false));
        Assert.Equal(StatusAsk.Ask, rule.Heard(SignOfLife.Frame, wasOffline: true, bootedBefore: true));
    }
}
