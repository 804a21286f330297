using StatusGrid.Server.Dashboard;

namespace StatusGrid.Server.Tests.Dashboard;

public sealed class DetailPacingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(1);

    [Fact]
    public void A_quick_round_is_followed_by_the_configured_interval()
    {
        Assert.Equal(Interval, DetailPacing.NextWait(TimeSpan.FromMilliseconds(3), Interval, Max));
        Assert.Equal(Interval, DetailPacing.NextWait(TimeSpan.Zero, Interval, Max));
    }

    [Fact]
    public void A_long_round_is_followed_by_a_wait_as_long_so_the_pump_sends_at_most_half_of_the_time()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(300), DetailPacing.NextWait(TimeSpan.FromMilliseconds(300), Interval, Max));
    }

    [Fact]
    public void The_wait_never_exceeds_the_maximum_and_never_drops_below_the_interval()
    {
        Assert.Equal(Max, DetailPacing.NextWait(TimeSpan.FromSeconds(5), Interval, Max));
        // A maximum configured below the interval leaves the interval in force.
        Assert.Equal(Interval, DetailPacing.NextWait(TimeSpan.FromSeconds(5), Interval, TimeSpan.FromMilliseconds(10)));
    }
}
