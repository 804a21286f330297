using System.Collections.Immutable;
using Orleans.Concurrency;
using StatusGrid.Contracts.Evses;

namespace StatusGrid.Contracts.Dashboard;

/// <summary>One per silo: wraps that silo's SignalR hub context. Every silo gets every change.</summary>
public interface IDashboardObserver : IGrainObserver
{
    [OneWay]
    Task OnStatusChanges(ImmutableArray<EvseStatusChange> changes);

    /// <summary>These Locations were put (new, edited, published or unpublished): the map re-reads them.</summary>
    [OneWay]
    Task OnLocationsChanged(ImmutableArray<string> locationIds);
}
