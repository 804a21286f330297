using StatusGrid.Grains.Partners;

namespace StatusGrid.Grains.Tests.Delivery;

public sealed class PushThrottleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly PushOptions Options = new()
    {
        BackoffBase = TimeSpan.FromMilliseconds(100),
        BackoffMax = TimeSpan.FromSeconds(1),
        BreakerThreshold = 3,
        BreakDuration = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public void Backoff_doubles_per_failure_up_to_the_maximum_and_a_retry_after_is_honoured_within_a_cap()
    {
        var throttle = new PushThrottle(new PushOptions { BackoffBase = Options.BackoffBase, BackoffMax = Options.BackoffMax, BreakerThreshold = 100 }, random: () => 1.0);
        throttle.Failed(Now, null);
        Assert.Equal(Now.AddMilliseconds(100), throttle.PausedUntil);
        throttle.Failed(Now, null);
        Assert.Equal(Now.AddMilliseconds(200), throttle.PausedUntil);
        Assert.Equal(0, throttle.Allowance(Now.AddMilliseconds(199), 8));
        Assert.Equal(8, throttle.Allowance(Now.AddMilliseconds(200), 8));

        throttle.Failed(Now, TimeSpan.FromSeconds(3));
        Assert.Equal(Now.AddSeconds(3), throttle.PausedUntil);
        throttle.Failed(Now, TimeSpan.FromHours(1));
        Assert.Equal(Now.AddSeconds(5), throttle.PausedUntil); // capped at 5 × BackoffMax
    }

    [Fact]
    public void The_circuit_opens_after_the_threshold_lets_one_probe_through_and_a_success_closes_it()
    {
        var throttle = new PushThrottle(Options, random: () => 1.0);
        Assert.False(throttle.Failed(Now, null));
        Assert.False(throttle.Failed(Now, null));
        Assert.True(throttle.Failed(Now, null));
        Assert.Equal(CircuitState.Open, throttle.State);
        Assert.Equal(Now.AddSeconds(5), throttle.PausedUntil);

        Assert.Equal(1, throttle.Allowance(Now.AddSeconds(5), 8));
        Assert.Equal(CircuitState.HalfOpen, throttle.State);
        Assert.True(throttle.Failed(Now.AddSeconds(5), null)); // the probe failed: open again
        Assert.Equal(1, throttle.Allowance(Now.AddSeconds(10), 8));
        throttle.Succeeded();
        Assert.Equal(CircuitState.Closed, throttle.State);
        Assert.Equal(8, throttle.Allowance(Now.AddSeconds(10), 8));
    }
}
