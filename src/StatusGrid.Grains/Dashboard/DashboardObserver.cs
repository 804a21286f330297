using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using StatusGrid.Contracts.Dashboard;
using StatusGrid.Contracts.Evses;

namespace StatusGrid.Grains.Dashboard;

internal sealed class DashboardObserver(IEnumerable<IDashboardSink> sinks, ILogger logger) : IDashboardObserver
{
    public Task OnStatusChanges(ImmutableArray<EvseStatusChange> changes) =>
        EachSinkAsync(sink => sink.DeliverAsync(changes), changes.Length);

    public Task OnLocationsChanged(ImmutableArray<string> locationIds) =>
        EachSinkAsync(sink => sink.LocationsChangedAsync(locationIds), locationIds.Length);

    private async Task EachSinkAsync(Func<IDashboardSink, Task> deliver, int count)
    {
        foreach (var sink in sinks)
        {
            try
            {
                await deliver(sink);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Dashboard sink {Sink} failed for {Count} items", sink.GetType().Name, count);
            }
        }
    }
}
