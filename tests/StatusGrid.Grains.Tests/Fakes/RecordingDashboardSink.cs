using System.Collections.Concurrent;
using System.Collections.Immutable;
using StatusGrid.Contracts.Evses;
using StatusGrid.Grains.Dashboard;

namespace StatusGrid.Grains.Tests.Fakes;

/// <summary>
/// Stands in for one silo's SignalR clients: records what that silo delivered. <see cref="Block"/> makes it the worst
/// sink there is: every delivery blocks its calling thread until <see cref="Unblock"/>.
/// </summary>
public sealed class RecordingDashboardSink(string silo) : IDashboardSink
{
    private readonly ConcurrentQueue<EvseStatusChange> _received = new();
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private int _waiting;
    private int _resyncs;

    public string Silo { get; } = silo;

    public IReadOnlyList<EvseStatusChange> Received => [.. _received];

    /// <summary>Deliveries currently held by <see cref="Block"/>.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public void Block() => _open.Reset();

    public void Unblock() => _open.Set();

    /// <summary>Times the host's feed said changes may have been missed (its observer was out of the registry).</summary>
    public int Resyncs => Volatile.Read(ref _resyncs);

    public Task ResyncAsync()
    {
        Interlocked.Increment(ref _resyncs);
        return Task.CompletedTask;
    }

    public Task DeliverAsync(ImmutableArray<EvseStatusChange> changes)
    {
        if (!_open.IsSet)
        {
            Interlocked.Increment(ref _waiting);
            _open.Wait();
            Interlocked.Decrement(ref _waiting);
        }

        foreach (var change in changes)
        {
            _received.Enqueue(change);
        }

        return Task.CompletedTask;
    }
}
