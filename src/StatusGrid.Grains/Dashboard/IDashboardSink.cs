using System.Collections.Immutable;
using StatusGrid.Contracts.Evses;

namespace StatusGrid.Grains.Dashboard;

/// <summary>Where this silo delivers status batches for its locally connected clients (SignalR in the host).</summary>
public interface IDashboardSink
{
    Task DeliverAsync(ImmutableArray<EvseStatusChange> changes);

    /// <summary>These Locations were put; a sink that shows locations re-reads them. Most sinks ignore it.</summary>
    Task LocationsChangedAsync(ImmutableArray<string> locationIds) => Task.CompletedTask;

    /// <summary>
    /// This host's observer was out of the dashboard registry for a while: status changes and Location edits the
    /// other silos sent meanwhile never came. A sink that keeps state re-reads it and has its clients do the same.
    /// </summary>
    Task ResyncAsync() => Task.CompletedTask;
}
