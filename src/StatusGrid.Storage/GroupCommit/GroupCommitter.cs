using System.Diagnostics;
using System.Threading.Channels;

namespace StatusGrid.Storage.GroupCommit;

/// <summary>
/// Group commit: callers enqueue and wait; one background loop takes everything queued (up to the batch limit),
/// hands it to <c>commit</c> as one unit (one transaction), then completes every caller, or fails them all with
/// the commit's exception. There is no timer: while one commit runs the next batch accumulates ("flush while
/// busy"), so an idle store writes at once and a busy one writes in large batches.
/// </summary>
public sealed class GroupCommitter<T> : IGroupCommitStatistics, IAsyncDisposable
{
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<T>, Task<IReadOnlyCollection<T>>> commit;
    private readonly Func<T, Exception>? rejection;
    private readonly Func<T, int> weight;
    private readonly int maxBatchWeight;
    private readonly string name;
    private readonly Task loop;
    private long committedBatches;
    private long committedItems;
    private long failedBatches;

    /// <param name="name">Store name, used as a metric tag.</param>
    /// <param name="commit">Writes one batch in one transaction; must not return before it is durable.</param>
    /// <param name="maxBatchWeight">Most weight per batch; a single heavier item still goes alone.</param>
    /// <param name="weight">Rows an item stands for (default 1).</param>
    public GroupCommitter(string name, Func<IReadOnlyList<T>, Task> commit, int maxBatchWeight, Func<T, int>? weight = null)
        : this(name, async items => { await commit(items).ConfigureAwait(false); return []; }, null, maxBatchWeight, weight)
    {
    }

    /// <param name="name">Store name, used as a metric tag.</param>
    /// <param name="commit">
    /// Writes one batch in one transaction and returns the items it refused (by reference); must not return before
    /// the batch is durable.
    /// </param>
    /// <param name="rejection">The exception a refused item's caller receives.</param>
    /// <param name="maxBatchWeight">Most weight per batch; a single heavier item still goes alone.</param>
    /// <param name="weight">Rows an item stands for (default 1).</param>
    public GroupCommitter(
        string name,
        Func<IReadOnlyList<T>, Task<IReadOnlyCollection<T>>> commit,
        Func<T, Exception>? rejection,
        int maxBatchWeight,
        Func<T, int>? weight = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchWeight, 1);
        this.name = name;
        this.commit = commit;
        this.rejection = rejection;
        this.maxBatchWeight = maxBatchWeight;
        this.weight = weight ?? (_ => 1);
        loop = Task.Run(RunAsync);
    }

    public long CommittedBatches => Interlocked.Read(ref committedBatches);

    public long CommittedItems => Interlocked.Read(ref committedItems);

    public long FailedBatches => Interlocked.Read(ref failedBatches);

    /// <summary>
    /// Completes once the item's batch committed. Cancelling stops the wait; an item already taken into a batch
    /// may still be written (one not yet taken is dropped).
    /// </summary>
    public Task EnqueueAsync(T item, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(item, cancellationToken);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(GetType().Name, $"The {name} writer has stopped.");
        }

        return cancellationToken.CanBeCanceled ? pending.Completion.Task.WaitAsync(cancellationToken) : pending.Completion.Task;
    }

    /// <summary>Stops taking items, commits what is queued, then waits for the loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>();
        var items = new List<T>();
        var reader = queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var batchWeight = 0;
            while (batchWeight < maxBatchWeight && reader.TryRead(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Completion.TrySetCanceled(pending.CancellationToken);
                    continue;
                }

                batch.Add(pending);
                items.Add(pending.Item);
                batchWeight += weight(pending.Item);
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch, items).ConfigureAwait(false);
            }

            batch.Clear();
            items.Clear();
        }
    }

    private async Task CommitAsync(List<Pending> batch, List<T> items)
    {
        IReadOnlyCollection<T> refused;
        try
        {
            refused = await commit(items).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref failedBatches);
            StorageMetrics.Batches.Add(1, new TagList { { "store", name }, { "outcome", "failed" } });
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(ex);
            }

            return;
        }

        Interlocked.Increment(ref committedBatches);
        Interlocked.Add(ref committedItems, batch.Count);
        StorageMetrics.Batches.Add(1, new TagList { { "store", name }, { "outcome", "committed" } });
        StorageMetrics.BatchSize.Record(batch.Count, new TagList { { "store", name } });
        var refusedSet = refused.Count == 0 ? null : new HashSet<T>(refused, ReferenceEqualityComparer.Instance as IEqualityComparer<T>);
        foreach (var pending in batch)
        {
            if (refusedSet is not null && refusedSet.Contains(pending.Item))
            {
                pending.Completion.TrySetException(rejection?.Invoke(pending.Item) ?? new InvalidOperationException("The write was refused."));
            }
            else
            {
                pending.Completion.TrySetResult();
            }
        }
    }

    private sealed class Pending(T item, CancellationToken cancellationToken)
    {
        public T Item { get; } = item;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        // Continuations run elsewhere, so completing thousands of callers does not run their code on this loop.
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
