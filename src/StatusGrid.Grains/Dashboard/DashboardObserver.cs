using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using StatusGrid.Contracts.Dashboard;
using StatusGrid.Contracts.Evses;

namespace StatusGrid.Grains.Dashboard;

internal sealed class DashboardObserver(IEnumerable<IDashboardSink> sinks, ILogger logger) : IDashboardObserver
{
    public async Task OnStatusChanges(ImmutableArray<EvseStatusChange> changes)
    {
        foreach (var sink in sinks)
        {
            try
            {
                await sink.DeliverAsync(changes);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Dashboard sink {Sink} failed for {Count} changes", sink.GetType().Name, changes.Length);
            }
        }
    }
}
