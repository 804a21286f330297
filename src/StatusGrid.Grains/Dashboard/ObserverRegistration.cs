using Microsoft.Extensions.Logging;
using StatusGrid.Contracts.Dashboard;

namespace StatusGrid.Grains.Dashboard;

/// <summary>
/// One host's dashboard observer, kept in the registry: created over the host's <see cref="DashboardFeed"/>,
/// registered at start and again every interval (the registry is in memory: it comes back empty after its silo died),
/// unregistered and released on a graceful stop. A silo (<see cref="DashboardRegistration"/>) and a front-end
/// (<see cref="FrontEndDashboardRegistration"/>) differ only in how they register and in what else makes them do it.
/// </summary>
internal sealed class ObserverRegistration(
    DashboardFeed feed,
    IGrainFactory grains,
    string id,
    TimeSpan interval,
    TimeSpan fanoutRefresh,
    Func<IDashboardRegistryGrain, IDashboardObserver, Task<bool>> register,
    ILogger logger)
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private DashboardObserver? _observer; // Orleans holds observers weakly: this field keeps ours alive.
    private IDashboardObserver? _reference;
    private bool _registered;

    /// <summary>The host's own observer (null before start).</summary>
    public IDashboardObserver? Observer => _observer;

    /// <summary>Cancelled when the host stops: loops started with <see cref="Run"/> end on it.</summary>
    public CancellationToken Stopping => _stop.Token;

    public async Task StartAsync()
    {
        feed.Start();
        _observer = new DashboardObserver(feed);
        _reference = grains.CreateObjectReference<IDashboardObserver>(_observer);
        // Not fatal: the cluster may still be electing the registry's silo; the loop retries at the next interval.
        await RegisterAsync();
        Run(LoopAsync);
    }

    /// <summary>Runs a loop of the host's beside the periodic one; stopping waits for it.</summary>
    public void Run(Func<Task> loop) => _loops.Add(Task.Run(loop, CancellationToken.None));

    /// <returns>Whether the registry took the observer; a failure is logged (at debug level when <paramref name="quiet"/>).</returns>
    public async Task<bool> RegisterAsync(bool quiet = false)
    {
        try
        {
            var held = await register(grains.GetGrain<IDashboardRegistryGrain>(0), _reference!);
            if (!held && _registered)
            {
                // A gap: changes and Location edits other silos sent meanwhile never came. The fan-outs learn of the
                // observer again within their refresh interval; the resync waits that long so it misses nothing.
                logger.LogWarning("Dashboard observer {ObserverId} was out of the registry; its dashboards resync in {Delay}", id, fanoutRefresh);
                _ = ResyncLaterAsync();
            }

            _registered = true;
            return true;
        }
        catch (Exception ex)
        {
            logger.Log(quiet ? LogLevel.Debug : LogLevel.Warning, ex, "Could not register dashboard observer {ObserverId}", id);
            return false;
        }
    }

    private async Task ResyncLaterAsync()
    {
        try
        {
            await Task.Delay(fanoutRefresh * 2, _stop.Token);
            feed.Resync();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await RegisterAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        try
        {
            await grains.GetGrain<IDashboardRegistryGrain>(0).Unregister(id).WaitAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Unregister on shutdown failed");
        }

        if (_reference is not null)
        {
            grains.DeleteObjectReference<IDashboardObserver>(_reference);
        }

        await feed.DisposeAsync();
    }
}
