using System.Collections.Concurrent;
using StatusGrid.Storage.GroupCommit;

namespace StatusGrid.Storage.Tests.GroupCommit;

public sealed class GroupCommitterTests
{
    [Fact]
    public async Task Items_queued_during_a_commit_form_the_next_batch()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new ConcurrentQueue<int[]>();
        await using var committer = new GroupCommitter<int>("test", async items =>
        {
            batches.Enqueue([.. items]);
            if (batches.Count == 1)
            {
                await release.Task; // first commit is "slow": everything else queues behind it
            }
        }, maxBatchWeight: 1000);

        var first = committer.EnqueueAsync(0);
        await WaitUntil(() => !batches.IsEmpty);
        var rest = Enumerable.Range(1, 50).Select(i => committer.EnqueueAsync(i)).ToList();
        Assert.False(first.IsCompleted);
        release.SetResult();
        await Task.WhenAll(rest.Append(first));

        Assert.Equal([[0], Enumerable.Range(1, 50).ToArray()], batches.ToArray());
        Assert.Equal(2, committer.CommittedBatches);
        Assert.Equal(51, committer.CommittedItems);
    }

    [Fact]
    public async Task Batch_weight_is_capped()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sizes = new ConcurrentQueue<int>();
        await using var committer = new GroupCommitter<int>("test", async items =>
        {
            sizes.Enqueue(items.Count);
            await release.Task;
        }, maxBatchWeight: 10, weight: _ => 4);

        var first = committer.EnqueueAsync(0);
        await WaitUntil(() => !sizes.IsEmpty);
        var rest = Enumerable.Range(1, 9).Select(i => committer.EnqueueAsync(i)).ToList();
        release.SetResult();
        await Task.WhenAll(rest.Append(first));

        // Weight 4 each, cap 10: at most three per batch (the third crosses the cap and closes the batch).
        Assert.Equal([1, 3, 3, 3], sizes.ToArray());
    }

    [Fact]
    public async Task A_failed_commit_fails_every_caller_of_that_batch_only()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        await using var committer = new GroupCommitter<int>("test", async items =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await release.Task;
                return;
            }

            if (items.Contains(13))
            {
                throw new InvalidOperationException("disk on fire");
            }
        }, maxBatchWeight: 1000);

        var first = committer.EnqueueAsync(0);
        await WaitUntil(() => Volatile.Read(ref calls) == 1);
        var doomed = Enumerable.Range(10, 5).Select(i => committer.EnqueueAsync(i)).ToList();
        release.SetResult();
        await first;
        foreach (var task in doomed)
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => task);
            Assert.Equal("disk on fire", ex.Message);
        }

        await committer.EnqueueAsync(99); // the loop survives a failed batch
        Assert.Equal(1, committer.FailedBatches);
        Assert.Equal(2, committer.CommittedBatches);
    }

    [Fact]
    public async Task Dispose_commits_what_is_queued_then_refuses_new_items()
    {
        var committed = new ConcurrentQueue<int>();
        var committer = new GroupCommitter<int>("test", async items =>
        {
            await Task.Delay(20);
            foreach (var item in items)
            {
                committed.Enqueue(item);
            }
        }, maxBatchWeight: 1000);

        var pending = Enumerable.Range(0, 20).Select(i => committer.EnqueueAsync(i)).ToList();
        await committer.DisposeAsync();

        Assert.All(pending, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.Equal(20, committed.Count);
        Assert.Throws<ObjectDisposedException>(() => { _ = committer.EnqueueAsync(1); });
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
