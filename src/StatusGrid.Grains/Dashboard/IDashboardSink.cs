using System.Collections.Immutable;
using StatusGrid.Contracts.Evses;

namespace StatusGrid.Grains.Dashboard;

/// <summary>Where this silo delivers status batches for its locally connected clients (SignalR in the host).</summary>
public interface IDashboardSink
{
    Task DeliverAsync(ImmutableArray<EvseStatusChange> changes);

    /// <summary>These Locations were put; a sink that shows locations re-reads them. Most sinks ignore it.</summary>
    Task LocationsChangedAsync(ImmutableArray<string> locationIds) => Task.CompletedTask;
}
