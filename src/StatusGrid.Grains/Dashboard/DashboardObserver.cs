using System.Collections.Immutable;
using StatusGrid.Contracts.Dashboard;
using StatusGrid.Contracts.Evses;

namespace StatusGrid.Grains.Dashboard;

/// <summary>
/// This silo's observer, called in-process by its own fan-out and one-way by the others'. It only hands the batch to the
/// <see cref="DashboardFeed"/> and returns, so no sink ever runs on a caller's turn.
/// </summary>
internal sealed class DashboardObserver(DashboardFeed feed) : IDashboardObserver
{
    public Task OnStatusChanges(ImmutableArray<EvseStatusChange> changes)
    {
        feed.Add(changes);
        return Task.CompletedTask;
    }

    public Task OnLocationsChanged(ImmutableArray<string> locationIds)
    {
        feed.AddLocations(locationIds);
        return Task.CompletedTask;
    }
}
