using System.Collections.Concurrent;
using StatusGrid.Storage.GroupCommit;

namespace StatusGrid.Storage.Tests.GroupCommit;

public sealed class GroupReaderTests
{
    private static readonly int[] RepeatedKeys = [3, 7, 3, 17, 42];
    private static readonly Dictionary<int, string> Rows = Enumerable.Range(0, 100).Where(i => i % 10 != 7).ToDictionary(i => i, i => $"row {i}");

    [Fact]
    public async Task Reads_asked_for_while_a_query_runs_share_the_next_query()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queries = new ConcurrentQueue<int[]>();
        // Only the first query is "slow": every read after it queues.
        await using var reader = OneAtATime(queries, release.Task, gateEveryQuery: false);

        var first = reader.ReadAsync(0);
        await WaitUntil(() => !queries.IsEmpty);
        var rest = Enumerable.Range(1, 50).Select(i => reader.ReadAsync(i)).ToList();
        release.SetResult();
        await Task.WhenAll(rest.Append(first));

        Assert.Equal([[0], Enumerable.Range(1, 50).ToArray()], queries.ToArray());
        Assert.Equal("row 1", await rest[0]);
    }

    [Fact]
    public async Task Each_caller_gets_its_own_row_or_null_and_a_key_asked_twice_is_queried_once()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queries = new ConcurrentQueue<int[]>();
        await using var reader = OneAtATime(queries, release.Task, gateEveryQuery: true);

        var blocker = reader.ReadAsync(99);
        await WaitUntil(() => !queries.IsEmpty);
        var reads = RepeatedKeys.Select(k => reader.ReadAsync(k)).ToList();
        release.SetResult();

        Assert.Equal("row 3|-|row 3|-|row 42", string.Join('|', (await Task.WhenAll(reads)).Select(r => r ?? "-")));
        Assert.Equal([3, 7, 17, 42], queries.Last());
        Assert.Equal("row 99", await blocker);
    }

    [Fact]
    public async Task A_failing_query_fails_only_its_callers_and_the_reader_goes_on()
    {
        var calls = 0;
        await using var reader = new GroupReader<int, string>("test", (keys, _) =>
            Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("database gone") : Task.FromResult<IReadOnlyDictionary<int, string>>(Lookup(keys)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reader.ReadAsync(1));
        Assert.Equal("database gone", error.Message);
        Assert.Equal("row 2", await reader.ReadAsync(2));
    }

    [Fact]
    public async Task A_cancelled_read_stops_waiting()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var reader = new GroupReader<int, string>("test", async (keys, _) =>
        {
            await release.Task;
            return Lookup(keys);
        }, concurrency: 1);
        using var cancel = new CancellationTokenSource();

        var read = reader.ReadAsync(1, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        release.SetResult();
    }

    [Fact]
    public async Task Disposing_answers_what_is_queued_and_refuses_new_reads()
    {
        var reader = new GroupReader<int, string>("test", (keys, _) => Task.FromResult<IReadOnlyDictionary<int, string>>(Lookup(keys)));
        var queued = reader.ReadAsync(5);

        await reader.DisposeAsync();

        Assert.Equal("row 5", await queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => reader.ReadAsync(6));
    }

    /// <summary>One query at a time, each recorded; the first (or every) query waits for <paramref name="gate"/>.</summary>
    private static GroupReader<int, string> OneAtATime(ConcurrentQueue<int[]> queries, Task gate, bool gateEveryQuery) =>
        new("test", async (keys, _) =>
        {
            queries.Enqueue([.. keys]);
            if (gateEveryQuery || queries.Count == 1)
            {
                await gate;
            }

            return Lookup(keys);
        }, concurrency: 1);

    private static Dictionary<int, string> Lookup(IReadOnlyList<int> keys) =>
        keys.Where(Rows.ContainsKey).ToDictionary(k => k, k => Rows[k]);

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
