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

        var run = retry.RunAsync(() => ++calls <= 12 ? Task.FromException<int>(new TimeoutException("busy")) : Task.FromResult(42), (attempt, _) => failures.Add(attempt));
        for (var i = 0; i < 1000 && !run.IsCompleted; i++)
        {
            await Task.Yield();
            time.Advance(TimeSpan.FromSeconds(1)); // 12 failures wait 241 s in all
        }

        var (done, value) = await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(done);
        Assert.Equal(42, value);
        Assert.Equal(Enumerable.Range(1, 12), failures);
    }

    [Fact]
    public async Task Waits_double_from_one_second_to_at_most_thirty()
    {
        var time = new FakeTimeProvider();
        var retry = new RecoveryRetry(time, CancellationToken.None);
        var at = new List<DateTimeOffset>();
        var start = time.GetUtcNow();

        var run = retry.RunAsync<int>(() => { at.Add(time.GetUtcNow()); return at.Count < 8 ? Task.FromException<int>(new TimeoutException()) : Task.FromResult(1); }, (_, _) => { });
        for (var i = 0; i < 400 && !run.IsCompleted; i++)
        {
            await Task.Yield();
            time.Advance(TimeSpan.FromMilliseconds(500));
        }

        await run.WaitAsync(TimeSpan.FromSeconds(10));
        var gaps = at.Zip(at.Skip(1), (a, b) => Math.Round((b - a).TotalSeconds)).ToArray();
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], gaps);
        Assert.Equal(start, at[0]);
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
