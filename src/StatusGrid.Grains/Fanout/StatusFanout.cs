using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusGrid.Contracts.Dashboard;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;

namespace StatusGrid.Grains.Fanout;

/// <summary>
/// Per-silo batcher (the GPS Tracker pattern): one reader drains whatever queued while the previous batch was being
/// sent, so batches grow under load and latency stays at one round trip when idle. No timer delay.
/// </summary>
public sealed class StatusFanout(
    IGrainFactory grains,
    IOptions<FanoutOptions> options,
    TimeProvider time,
    ILogger<StatusFanout> logger) : BackgroundService, IStatusFanout
{
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private ImmutableArray<IDashboardObserver> _observers = [];
    private long _observersReadAt = long.MinValue;

    public void Publish(EvseStatusChange change) => _queue.Writer.TryWrite(change);

    public void PublishLocationPut(string locationId, string countryCode, bool publish) =>
        _queue.Writer.TryWrite(new LocationPutRequest(locationId, countryCode, publish));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var max = options.Value.MaxBatchSize;
        var changes = new List<EvseStatusChange>(max);
        var puts = new List<LocationPutRequest>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                changes.Clear();
                puts.Clear();
                while (changes.Count < max && _queue.Reader.TryRead(out var item))
                {
                    if (item is EvseStatusChange change)
                    {
                        changes.Add(change);
                    }
                    else if (item is LocationPutRequest put)
                    {
                        puts.Add(put);
                    }
                }

                await FlushAsync(changes, puts);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FlushAsync(List<EvseStatusChange> changes, List<LocationPutRequest> puts)
    {
        var batch = changes.ToImmutableArray();
        if (!batch.IsEmpty)
        {
            foreach (var observer in await GetObserversAsync())
            {
                try
                {
                    // One-way: a slow or dead silo never holds this loop.
                    _ = observer.OnStatusChanges(batch);
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
            return;
        }

        var sends = new List<Task>(subscriptions.Length * 2);
        foreach (var subscription in subscriptions)
        {
            if (!subscription.ReceivesPushes)
            {
                continue;
            }

            var filter = subscription.Filter;
            var forPartner = batch.Where(c => !c.IsNew && filter.Allows(c.LocationId, c.CountryCode, c.Publish)).ToImmutableArray();
            var partner = grains.GetGrain<IPartnerGrain>(subscription.PartnerId);
            if (!forPartner.IsEmpty)
            {
                sends.Add(SendAsync(subscription.PartnerId, () => partner.EnqueueStatusChanges(forPartner)));
            }

            var putIds = puts.Where(p => filter.Allows(p.LocationId, p.CountryCode, p.Publish)).Select(p => p.LocationId).ToImmutableArray();
            if (!putIds.IsEmpty)
            {
                sends.Add(SendAsync(subscription.PartnerId, () => partner.EnqueueLocationPuts(putIds)));
            }
        }

        await Task.WhenAll(sends);
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

    private async ValueTask<ImmutableArray<IDashboardObserver>> GetObserversAsync()
    {
        var now = time.GetTimestamp();
        if (_observersReadAt == long.MinValue || time.GetElapsedTime(_observersReadAt, now) > options.Value.ObserverRefreshInterval)
        {
            try
            {
                _observers = await grains.GetGrain<IDashboardRegistryGrain>(0).GetObservers();
                _observersReadAt = now;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not refresh dashboard observers; keeping {Count}", _observers.Length);
            }
        }

        return _observers;
    }

    /// <summary>Forces the next flush to re-read the observer list (a silo joined or left).</summary>
    public void InvalidateObservers() => _observersReadAt = long.MinValue;
}
