using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
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
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly OrderedHandOffs _ordered = new(time, () => options.Value.OrderedHandOffRetry, logger);
    private readonly DashboardBroadcast _dashboards = new(grains, registration, membership, options, time, logger);

    /// <summary>How many silos (this one included) and front-ends this silo currently sends dashboard batches to.</summary>
    public int ObserverCount => _dashboards.ObserverCount;

    /// <summary>How many front-ends (Orleans clients serving browsers) this silo currently sends dashboard batches to.</summary>
    public int FrontEndObserverCount => _dashboards.FrontEndObserverCount;

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
        var refresh = Task.Run(() => _dashboards.RefreshAsync(stoppingToken), CancellationToken.None);
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
            _dashboards.SendLocations(puts.Select(p => p.LocationId).Distinct(StringComparer.OrdinalIgnoreCase).ToImmutableArray());
        }

        if (!batch.IsEmpty)
        {
            _dashboards.SendStatuses(batch);
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
}
