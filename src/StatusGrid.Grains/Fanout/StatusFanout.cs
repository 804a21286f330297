using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using StatusGrid.Contracts.Dashboard;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Dashboard;

namespace StatusGrid.Grains.Fanout;

/// <summary>
/// Per-silo batcher (the GPS Tracker pattern): one reader drains whatever queued while the previous batch was being
/// sent, so batches grow under load and latency stays at one round trip when idle. No timer delay.
/// </summary>
public sealed class StatusFanout(
    IGrainFactory grains,
    DashboardRegistration registration,
    IClusterMembershipService membership,
    IOptions<FanoutOptions> options,
    TimeProvider time,
    ILogger<StatusFanout> logger) : BackgroundService, IStatusFanout
{
    /// <summary>How soon to look again while the registry and membership disagree (a silo joined or left).</summary>
    private static readonly TimeSpan MismatchRetry = TimeSpan.FromMilliseconds(100);

    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly OrderedHandOffs _ordered = new(time, () => options.Value.OrderedHandOffRetry, logger);
    private ImmutableArray<DashboardSubscriber> _observers = [];

    /// <summary>How many silos (this one included) and front-ends this silo currently sends dashboard batches to.</summary>
    public int ObserverCount => _observers.Count(o => o.SiloId != registration.SiloId) + (registration.LocalObserver is null ? 0 : 1);

    /// <summary>How many front-ends (Orleans clients serving browsers) this silo currently sends dashboard batches to.</summary>
    public int FrontEndObserverCount => _observers.Count(o => o.FrontEnd);

    private static readonly Task<bool> Handed = Task.FromResult(true);

    private bool? _anyOrdered;

    public bool MayHaveOrderedPartners => _anyOrdered != false;

    public Task<bool> Publish(EvseStatusChange change)
    {
        if (!MayHaveOrderedPartners)
        {
            _queue.Writer.TryWrite(WithTrace(change));
            return Handed;
        }

        var awaited = new AwaitedChange(change);
        _queue.Writer.TryWrite(WithTrace(awaited));
        return awaited.Handed.Task;
    }

    public void PublishLocationPut(string locationId, string country, bool publish) =>
        _queue.Writer.TryWrite(WithTrace(new LocationPutRequest(locationId, country, publish)));

    // Only when a trace is being recorded: untraced changes cost no extra allocation.
    private static object WithTrace(object item) => Activity.Current is { Recorded: true } current ? new TracedItem(item, current.Context) : item;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var refresh = Task.Run(() => RefreshObserversAsync(stoppingToken), CancellationToken.None);
        await DrainAsync(stoppingToken);
        await refresh;
    }

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        var max = options.Value.MaxBatchSize;
        var changes = new List<EvseStatusChange>(max);
        var puts = new List<LocationPutRequest>();
        var traces = new List<ActivityContext>();
        var waiting = new List<TaskCompletionSource<bool>>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                changes.Clear();
                puts.Clear();
                traces.Clear();
                waiting = [];
                while (changes.Count < max && _queue.Reader.TryRead(out var item))
                {
                    if (item is TracedItem traced)
                    {
                        if (traces.Count <= StatusGridTracing.MaxLinks)
                        {
                            traces.Add(traced.Context);
                        }

                        item = traced.Item;
                    }

                    if (item is AwaitedChange awaited)
                    {
                        waiting.Add(awaited.Handed);
                        item = awaited.Change;
                    }

                    if (item is EvseStatusChange change)
                    {
                        changes.Add(change);
                    }
                    else if (item is LocationPutRequest put)
                    {
                        puts.Add(put);
                    }
                }

                using (var activity = traces.Count == 0 ? null : StatusGridTracing.Source.StartActivity(
                    ActivityKind.Internal, traces[0], links: traces.Skip(1).Select(c => new ActivityLink(c)), name: "fanout"))
                {
                    activity?.SetTag("statusgrid.changes", changes.Count);
                    var handedOff = await FlushAsync(changes, puts);
                    if (waiting.Count > 0)
                    {
                        _ = OrderedHandOffs.SignalAsync(handedOff, waiting);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <returns>A task that ends once this batch's hand-offs to ordered partners did (faulted if they could not).</returns>
    private async Task<Task> FlushAsync(List<EvseStatusChange> changes, List<LocationPutRequest> puts)
    {
        var batch = changes.ToImmutableArray();
        // Locations first: a new location's first statuses come in the same batch, and the map must know where it is.
        if (puts.Count > 0)
        {
            NotifyDashboards(puts.Select(p => p.LocationId).Distinct(StringComparer.OrdinalIgnoreCase).ToImmutableArray());
        }

        if (!batch.IsEmpty)
        {
            // This silo's clients are served in-process, whatever the registry knows: a registry lost with a dead silo
            // (it is in memory) costs remote silos a moment of changes until they re-register, never local ones.
            if (registration.LocalObserver is { } local)
            {
                _ = DeliverLocallyAsync(local, batch);
            }

            foreach (var subscriber in _observers)
            {
                if (subscriber.SiloId == registration.SiloId)
                {
                    continue;
                }

                try
                {
                    // One-way: a slow or dead silo never holds this loop.
                    _ = subscriber.Observer.OnStatusChanges(batch);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Dashboard observer call failed");
                }
            }
        }

        ImmutableArray<PartnerSubscription> subscriptions;
        try
        {
            subscriptions = await grains.GetGrain<IPartnerDirectoryGrain>(0).GetSubscriptions();
        }
        catch (Exception ex)
        {
            // Partners recover these changes from the delivery ledger (current version > delivered version).
            logger.LogError(ex, "Could not read partner directory; {Count} changes left to ledger recovery", batch.Length);
            return Task.FromException(ex);
        }

        _anyOrdered = subscriptions.Any(s => s.ReceivesPushes && s.Ordered);
        var sends = new List<Task>(subscriptions.Length * 2);
        var handOffs = new List<Task>();
        foreach (var subscription in subscriptions)
        {
            if (!subscription.ReceivesPushes)
            {
                continue;
            }

            var filter = subscription.Filter;
            var forPartner = batch.Where(c => !c.IsNew && filter.Allows(c.LocationId, c.Country, c.Publish)).ToImmutableArray();
            var partner = grains.GetGrain<IPartnerGrain>(subscription.PartnerId);
            var putIds = puts.Where(p => filter.Allows(p.LocationId, p.Country, p.Publish)).Select(p => p.LocationId).ToImmutableArray();
            if (subscription.Ordered)
            {
                var (awaited, done) = _ordered.SendAsync(subscription.PartnerId, partner, putIds, forPartner);
                sends.Add(awaited);
                handOffs.Add(done);
                continue;
            }

            if (!forPartner.IsEmpty)
            {
                sends.Add(SendAsync(subscription.PartnerId, () => partner.EnqueueStatusChanges(forPartner)));
            }

            if (!putIds.IsEmpty)
            {
                sends.Add(SendAsync(subscription.PartnerId, () => partner.EnqueueLocationPuts(putIds)));
            }
        }

        await Task.WhenAll(sends);
        return Task.WhenAll(handOffs);
    }

    /// <summary>Same path as status batches: this silo in-process, the others one-way; never awaited here.</summary>
    private void NotifyDashboards(ImmutableArray<string> locationIds)
    {
        if (registration.LocalObserver is { } local)
        {
            _ = local.OnLocationsChanged(locationIds);
        }

        foreach (var subscriber in _observers)
        {
            if (subscriber.SiloId == registration.SiloId)
            {
                continue;
            }

            try
            {
                _ = subscriber.Observer.OnLocationsChanged(locationIds);
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

    private async Task SendAsync(string partnerId, Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not hand changes to partner {PartnerId}; they stay pending in the delivery ledger", partnerId);
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
    private async Task RefreshObserversAsync(CancellationToken stoppingToken)
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
