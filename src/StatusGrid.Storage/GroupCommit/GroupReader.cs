using System.Threading.Channels;

namespace StatusGrid.Storage.GroupCommit;

/// <summary>
/// Group read, the reading twin of <see cref="GroupCommitter{T}"/>: callers ask for one key and wait; a few loops
/// each take everything queued (up to the batch limit) and look the keys up in one query. There is no timer: a read
/// on an idle store goes at once, and while the loops are busy the next reads accumulate into one query. Why: a
/// cluster that activates EVSE grains by the thousand (after a restart, or the first reports after an import) asked
/// PostgreSQL for one row per grain and query; the server's per-statement cost, not the rows, bounded the rate.
/// </summary>
/// <typeparam name="TKey">Compared with its default equality (an ordinal string or a tuple of them).</typeparam>
/// <typeparam name="TValue">What a key reads as; null when no row has that key.</typeparam>
public sealed class GroupReader<TKey, TValue> : IAsyncDisposable
    where TKey : notnull
    where TValue : class
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _read;
    private readonly int _maxBatch;
    private readonly string _name;
    private readonly Task[] _loops;

    /// <param name="name">Store name, for the error of a read after disposal.</param>
    /// <param name="read">Reads the rows of distinct keys in one query; a key without a row is left out.</param>
    /// <param name="maxBatch">Most keys per query.</param>
    /// <param name="concurrency">Queries in flight at once (connections the reads may hold).</param>
    public GroupReader(string name, Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> read, int maxBatch = 500, int concurrency = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _name = name;
        _read = read;
        _maxBatch = maxBatch;
        _loops = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(RunAsync))];
    }

    /// <summary>The value stored under <paramref name="key"/>, or null. Cancelling stops the wait.</summary>
    public Task<TValue?> ReadAsync(TKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(key, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(GetType().Name, $"The {_name} reader has stopped.");
        }

        return cancellationToken.CanBeCanceled ? pending.Completion.Task.WaitAsync(cancellationToken) : pending.Completion.Task;
    }

    /// <summary>Stops taking reads, answers what is queued, then waits for the loops to end.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Completion.TrySetCanceled(pending.CancellationToken);
                    continue;
                }

                batch.Add(pending);
            }

            if (batch.Count > 0)
            {
                await ReadBatchAsync(batch).ConfigureAwait(false);
            }

            batch.Clear();
        }
    }

    private async Task ReadBatchAsync(List<Pending> batch)
    {
        IReadOnlyDictionary<TKey, TValue> found;
        try
        {
            found = await _read([.. batch.Select(p => p.Key).Distinct()], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(ex);
            }

            return;
        }

        foreach (var pending in batch)
        {
            pending.Completion.TrySetResult(found.GetValueOrDefault(pending.Key));
        }
    }

    private sealed class Pending(TKey key, CancellationToken cancellationToken)
    {
        public TKey Key { get; } = key;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<TValue?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
