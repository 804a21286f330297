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
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<T>, Task<IReadOnlyCollection<T>>> _commit;
    private readonly Func<T, Exception>? _rejection;
    private readonly Func<T, int> _weight;
    private readonly int _maxBatchWeight;
    private readonly string _name;
    private readonly Task _loop;
    private long _committedBatches;
    private long _committedItems;
    private long _failedBatches;

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
        _name = name;
        _commit = commit;
        _rejection = rejection;
        _maxBatchWeight = maxBatchWeight;
        _weight = weight ?? (_ => 1);
        _loop = Task.Run(RunAsync);
    }

    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    public long CommittedItems => Interlocked.Read(ref _committedItems);

    public long FailedBatches => Interlocked.Read(ref _failedBatches);

    /// <summary>
    /// Completes once the item's batch committed. Cancelling stops the wait; an item already taken into a batch
    /// may still be written (one not yet taken is dropped).
    /// </summary>
    public Task EnqueueAsync(T item, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(item, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(GetType().Name, $"The {_name} writer has stopped.");
        }

        return cancellationToken.CanBeCanceled ? pending.Completion.Task.WaitAsync(cancellationToken) : pending.Completion.Task;
    }

    /// <summary>Stops taking items, commits what is queued, then waits for the loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>();
        var items = new List<T>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var batchWeight = 0;
            while (batchWeight < _maxBatchWeight && reader.TryRead(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Completion.TrySetCanceled(pending.CancellationToken);
                    continue;
                }

                batch.Add(pending);
                items.Add(pending.Item);
                batchWeight += _weight(pending.Item);
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
            refused = await _commit(items).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failedBatches);
            StorageMetrics.Batches.Add(1, new TagList { { "store", _name }, { "outcome", "failed" } });
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(ex);
            }

            return;
        }

        Interlocked.Increment(ref _committedBatches);
        Interlocked.Add(ref _committedItems, batch.Count);
        StorageMetrics.Batches.Add(1, new TagList { { "store", _name }, { "outcome", "committed" } });
        StorageMetrics.BatchSize.Record(batch.Count, new TagList { { "store", _name } });
        var refusedSet = refused.Count == 0 ? null : new HashSet<T>(refused, ReferenceEqualityComparer.Instance as IEqualityComparer<T>);
        foreach (var pending in batch)
        {
            if (refusedSet is not null && refusedSet.Contains(pending.Item))
            {
                pending.Completion.TrySetException(_rejection?.Invoke(pending.Item) ?? new InvalidOperationException("The write was refused."));
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
