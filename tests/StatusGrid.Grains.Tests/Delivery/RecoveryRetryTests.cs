using Microsoft.Extensions.Time.Testing;
using StatusGrid.Grains.Partners;

namespace StatusGrid.Grains.Tests.Delivery;

public sealed class RecoveryRetryTests
{
    [Fact]
    public async Task A_call_that_fails_for_longer_than_a_few_attempts_is_still_retried_until_it_succeeds()
    {
        var time = new FakeTimeProvider();
        var retry = new RecoveryRetry(time, CancellationToken.None);
        var calls = 0;
        var failures = new List<int>();

        var run = retry.RunAsync(() => Interlocked.Increment(ref calls) <= 12 ? Task.FromException<int>(new TimeoutException("busy")) : Task.FromResult(42),
            (attempt, _) => failures.Add(attempt));
        while (!run.IsCompleted)
        {
            // Each step passes the longest wait, then lets the next attempt run before passing time again.
            var before = Volatile.Read(ref calls);
            time.Advance(RecoveryRetry.MaxDelay);
            await Eventually.True(() => run.IsCompleted || Volatile.Read(ref calls) > before, "the next attempt");
        }

        var (done, value) = await run;
        Assert.True(done);
        Assert.Equal(42, value);
        Assert.Equal(Enumerable.Range(1, 12), failures);
    }

    [Fact]
    public void Waits_double_from_one_second_to_at_most_thirty()
    {
        var waits = Enumerable.Range(1, 8).Select(a => RecoveryRetry.DelayAfter(a).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], waits);
    }

    [Fact]
    public async Task Stops_without_a_result_when_the_silo_stops()
    {
        using var stop = new CancellationTokenSource();
        var retry = new RecoveryRetry(new FakeTimeProvider(), stop.Token);

        var run = retry.RunAsync<int>(() => Task.FromException<int>(new TimeoutException()), (_, _) => stop.Cancel());

        var (done, _) = await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(done);
    }
}
