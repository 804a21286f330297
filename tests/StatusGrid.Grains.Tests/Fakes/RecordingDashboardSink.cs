using System.Collections.Concurrent;
using System.Collections.Immutable;
using StatusGrid.Contracts.Evses;
using StatusGrid.Grains.Dashboard;

namespace StatusGrid.Grains.Tests.Fakes;

/// <summary>Stands in for one silo's SignalR clients: records what that silo delivered.</summary>
public sealed class RecordingDashboardSink(string silo) : IDashboardSink
{
    private readonly ConcurrentQueue<EvseStatusChange> _received = new();

    public string Silo { get; } = silo;

    public IReadOnlyList<EvseStatusChange> Received => [.. _received];

    public Task DeliverAsync(ImmutableArray<EvseStatusChange> changes)
    {
        foreach (var change in changes)
        {
            _received.Enqueue(change);
        }

        return Task.CompletedTask;
    }
}
