using StatusGrid.Server.Dashboard;

namespace StatusGrid.Server.Tests.Dashboard;

public sealed class DetailPacingTests
{
    private static readonly DashboardOptions Options = new()
    {
        DetailInterval = TimeSpan.FromMilliseconds(5),
        MaxDetailInterval = TimeSpan.FromSeconds(1),
        MaxDetailWritesPerSecond = 20_000,
    };

    [Fact]
    public void A_quick_round_to_a_few_viewers_is_followed_by_the_configured_interval()
    {
        Assert.Equal(Options.DetailInterval, DetailPacing.NextWait(TimeSpan.FromMilliseconds(1), 10, Options));
        Assert.Equal(Options.DetailInterval, DetailPacing.NextWait(TimeSpan.Zero, 0, Options));
    }

    [Fact]
    public void A_long_round_is_followed_by_a_wait_as_long_so_the_pump_sends_at_most_half_of_the_time()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(300), DetailPacing.NextWait(TimeSpan.FromMilliseconds(300), 10, Options));
    }

    [Fact]
    public void A_round_to_many_viewers_is_followed_by_the_time_its_writes_take_at_the_write_budget()
    {
        // 2,000 writes at 20,000 a second: 100 ms, though the round itself was quick.
        Assert.Equal(TimeSpan.FromMilliseconds(100), DetailPacing.NextWait(TimeSpan.FromMilliseconds(2), 2_000, Options));
        // No budget configured: only the interval and the round's own length count.
        Assert.Equal(Options.DetailInterval, DetailPacing.NextWait(TimeSpan.FromMilliseconds(2), 2_000, new DashboardOptions
        {
            DetailInterval = Options.DetailInterval, MaxDetailInterval = Options.MaxDetailInterval, MaxDetailWritesPerSecond = 0,
        }));
    }

    [Fact]
    public void The_wait_never_exceeds_the_maximum_and_never_drops_below_the_interval()
    {
        Assert.Equal(Options.MaxDetailInterval, DetailPacing.NextWait(TimeSpan.FromSeconds(5), 10, Options));
        Assert.Equal(Options.MaxDetailInterval, DetailPacing.NextWait(TimeSpan.Zero, 1_000_000, Options));
        // A maximum configured below the interval leaves the interval in force.
        var inverted = new DashboardOptions { DetailInterval = TimeSpan.FromMilliseconds(50), MaxDetailInterval = TimeSpan.FromMilliseconds(10) };
        Assert.Equal(TimeSpan.FromMilliseconds(50), DetailPacing.NextWait(TimeSpan.FromSeconds(5), 10, inverted));
    }
}
