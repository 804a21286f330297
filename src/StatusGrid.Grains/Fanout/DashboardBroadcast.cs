using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using StatusGrid.Contracts.Dashboard;
using StatusGrid.Contracts.Evses;
using StatusGrid.Grains.Dashboard;

namespace StatusGrid.Grains.Fanout;

/// <summary>
/// The fan-out's dashboard side: the list of observers (every silo's and front-end's, from the registry) and the
/// one-way calls that send them a batch. This silo's own observer is called in-process, whatever the registry knows.
/// </summary>
internal sealed class DashboardBroadcast(
    IGrainFactory grains,
    DashboardRegistration registration,
    IClusterMembershipService membership,
    IOptions<FanoutOptions> options,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>How soon to look again while the registry and membership disagree (a silo joined or left).</summary>
    private static readonly TimeSpan MismatchRetry = TimeSpan.FromMilliseconds(100);

    private ImmutableArray<DashboardSubscriber> _observers = [];

    /// <summary>How many silos (this one included) and front-ends this silo currently sends dashboard batches to.</summary>
    public int ObserverCount => _observers.Count(o => o.SiloId != registration.SiloId) + (registration.LocalObserver is null ? 0 : 1);

    /// <summary>How many front-ends (Orleans clients serving browsers) this silo currently sends dashboard batches to.</summary>
    public int FrontEndObserverCount => _observers.Count(o => o.FrontEnd);

    /// <summary>Same path as status batches: this silo in-process, the others one-way; never awaited here.</summary>
    public void SendLocations(ImmutableArray<string> locationIds)
    {
        if (registration.LocalObserver is { } local)
        {
            _ = local.OnLocationsChanged(locationIds);
        }

        ToRemote(observer => observer.OnLocationsChanged(locationIds));
    }

    public void SendStatuses(ImmutableArray<EvseStatusChange> batch)
    {
        // This silo's clients are served in-process, whatever the registry knows: a registry lost with a dead silo
        // (it is in memory) costs remote silos a moment of changes until they re-register, never local ones.
        if (registration.LocalObserver is { } local)
        {
            _ = DeliverLocallyAsync(local, batch);
        }

        ToRemote(observer => observer.OnStatusChanges(batch));
    }

    private void ToRemote(Func<IDashboardObserver, Task> send)
    {
        foreach (var subscriber in _observers)
        {
            if (subscriber.SiloId == registration.SiloId)
            {
                continue;
            }

            try
            {
                // One-way: a slow or dead silo never holds the fan-out.
                _ = send(subscriber.Observer);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Dashboard observer call failed");
            }
        }
    }

    private async Task DeliverLocallyAsync(IDashboardObserver local, ImmutableArray<EvseStatusChange> batch)
    {
        try
        {
            await local.OnStatusChanges(batch);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Local dashboard delivery failed for {Count} changes", batch.Length);
        }
    }

    /// <summary>
    /// Keeps the list of observers current off the hot path: re-read every ObserverRefreshInterval, and every 100 ms
    /// while its silo entries do not match the active silos in membership (a silo joined and has not registered yet,
    /// or one left and is not pruned yet), so a joining silo's browsers miss at most a moment of changes. Front-ends
    /// are not in the membership, so they are left out of that comparison (counted in, every registered front-end
    /// would look like a mismatch and keep this loop at 100 ms for good); a new front-end's browsers wait at most one
    /// interval.
    /// </summary>
    public async Task RefreshAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _observers = await grains.GetGrain<IDashboardRegistryGrain>(0).GetObservers();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(ex, "Could not refresh dashboard observers; keeping {Count}", _observers.Length);
            }

            var active = membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
            var wait = active == _observers.Count(o => !o.FrontEnd) ? options.Value.ObserverRefreshInterval : MismatchRetry;
            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
