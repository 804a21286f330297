using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.GrainReferences;
using Orleans.Runtime;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Dashboard;
using StatusGrid.Grains.Hosting;

namespace StatusGrid.Grains.Fanout;

/// <summary>
/// Per-silo batcher (the GPS Tracker pattern): one reader drains whatever queued while the previous batch was being
/// sent, so batches grow under load and latency stays at one round trip when idle. No timer delay.
/// </summary>
public sealed class StatusFanout(
    IGrainFactory grains,
    GrainReferenceActivator references,
    DashboardRegistration registration,
    IClusterMembershipService membership,
    IOptions<FanoutOptions> options,
    TimeProvider time,
    ILogger<StatusFanout> logger) : BackgroundService, IStatusFanout
{
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DashboardBroadcast _dashboards = new(grains, registration, membership, options, time, logger);
    private readonly PartnerHandOff _partners = new(
        DirectoryReader(grains),
        new KeyedGrains<IPartnerGrain>(grains, references).Get,
        new OrderedHandOffs(time, () => options.Value.OrderedHandOffRetry, logger),
        logger,
        time,
        () => options.Value.DirectoryTrust,
        maxPerCall: options.Value.MaxBatchSize);

    /// <summary>How many silos (this one included) and front-ends this silo currently sends dashboard batches to.</summary>
    public int ObserverCount => _dashboards.ObserverCount;

    /// <summary>How many front-ends (Orleans clients serving browsers) this silo currently sends dashboard batches to.</summary>
    public int FrontEndObserverCount => _dashboards.FrontEndObserverCount;

    private static readonly Task<bool> Handed = Task.FromResult(true);

    public bool MayHaveOrderedPartners => _partners.MayHaveOrderedPartners;

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

    public void PublishLocationPut(string locationId, string country, bool publish, bool wasPublished = false, string? wasCountry = null) =>
        _queue.Writer.TryWrite(WithTrace(new LocationPutRequest(locationId, country, publish, wasPublished, wasCountry)));

    /// <summary>Reads the partner directory through one reference, taken on first use (once per batch otherwise).</summary>
    private static Func<Task<ImmutableArray<PartnerSubscription>>> DirectoryReader(IGrainFactory grains)
    {
        IPartnerDirectoryGrain? directory = null;
        return () => (directory ??= grains.GetGrain<IPartnerDirectoryGrain>(0)).GetSubscriptions();
    }

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
                    await FlushAsync(changes, puts, waiting);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FlushAsync(List<EvseStatusChange> changes, List<LocationPutRequest> puts, List<TaskCompletionSource<bool>> waiting)
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

        await _partners.SendAsync(batch, puts, waiting);
    }
}
