using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StatusGrid.Contracts.Evses;
using StatusGrid.Grains.Dashboard;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Server.Dashboard.Estate;
using StatusGrid.Server.Dashboard.Viewport;

namespace StatusGrid.Server.Dashboard;

/// <summary>
/// This silo's browser feed. The fan-out hands it every change (the <see cref="IDashboardSink"/>); it only queues them
/// (coalesced, bounded, never blocking) and returns, so partners and ingest never wait for browsers. Its own loop then
/// updates the estate and sends each change only to the clients of this silo that watch the detail tile it falls in,
/// one message per client and round (<see cref="DetailRound"/>), paced by <see cref="DetailPacing"/>; zoomed-out clients
/// get their coarse tiles' counts once per aggregate interval, one message per viewport (<see cref="ViewportSubscriptions"/>).
/// </summary>
public sealed partial class DashboardPump(
    DashboardEstate estate,
    EstateReader reader,
    PendingChanges pending,
    ViewportSubscriptions subscriptions,
    IHubContext<StatusHub> hub,
    IOptions<JsonHubProtocolOptions> hubJson,
    IOptions<DashboardOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<DashboardPump> logger) : BackgroundService, IDashboardSink
{
    /// <summary>A browser that does not read its socket may hold a send at most this long; the pump moves on.</summary>
    private static readonly TimeSpan SendWait = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _wake = new(0, 1);
    private EstateSummary? _lastSummary;

    public Task DeliverAsync(ImmutableArray<EvseStatusChange> changes)
    {
        if (pending.Add(changes))
        {
            Wake();
        }

        return Task.CompletedTask;
    }

    public Task LocationsChangedAsync(ImmutableArray<string> locationIds)
    {
        if (pending.AddLocations(locationIds))
        {
            Wake();
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var aggregates = Task.Run(() => AggregateLoopAsync(stoppingToken), CancellationToken.None);
        // The map's estate is not needed to take ingest and push partners: it loads once the host has started (the
        // silo is up, Kestrel listens), so on a small machine it does not slow the start; changes queue meanwhile.
        await WhenStartedAsync(stoppingToken);
        await LoadEstateAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _wake.WaitAsync(stoppingToken);
                if (Interlocked.Exchange(ref _resync, 0) == 1)
                {
                    await ResyncEstateAsync(stoppingToken);
                }

                var started = time.GetTimestamp();
                var writes = await SendPendingAsync(stoppingToken);
                // Changes that arrive meanwhile coalesce per EVSE: a bounded send rate whatever the ingest rate.
                var wait = DetailPacing.NextWait(time.GetElapsedTime(started), writes, options.Value);
                await Task.Delay(wait, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await aggregates;
    }

    private async Task WhenStartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = ct.Register(() => started.TrySetCanceled(ct));
        await started.Task;
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already awake.
            }
        }
    }

    /// <summary>Pages the published estate into memory; changes that arrive meanwhile wait in the queue.</summary>
    /// <returns>The ids of the locations read.</returns>
    private async Task<HashSet<string>> LoadEstateAsync(CancellationToken ct)
    {
        var read = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var attempt = 1; !ct.IsCancellationRequested; attempt++)
        {
            try
            {
                var offset = 0;
                read.Clear();
                while (true)
                {
                    var (items, total) = await reader.PageAsync(offset, EstateReader.PageSize, ct);
                    foreach (var location in items)
                    {
                        estate.Upsert(location);
                        read.Add(location.Id);
                    }

                    offset += EstateReader.PageSize;
                    if (items.Count == 0 || offset >= total)
                    {
                        break;
                    }
                }

                estate.Ready = true;
                LogLoaded(estate.Summary().Locations);
                return read;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogLoadFailed(ex, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)), time, ct);
            }
        }

        return read;
    }

    /// <returns>How many socket writes the round's status items took (one per client sent to).</returns>
    private async Task<int> SendPendingAsync(CancellationToken ct)
    {
        var (locationIds, changes) = pending.Take();
        var sends = new List<Task>();
        var reload = new HashSet<string>(locationIds, StringComparer.OrdinalIgnoreCase);
        var round = new DetailRound(hubJson.Value.PayloadSerializerOptions);
        var deferred = new List<EvseStatusChange>();
        foreach (var change in changes)
        {
            if (reload.Contains(change.LocationId))
            {
                deferred.Add(change); // the re-read below carries it
                continue;
            }

            var tile = estate.Apply(change.LocationId, change.EvseUid, change.Status, change.LastUpdated, change.Version, out var unknown);
            if (unknown)
            {
                reload.Add(change.LocationId);
                deferred.Add(change);
            }
            else if (tile is { } t)
            {
                AddItem(round, t, change);
            }
        }

        if (reload.Count > 0)
        {
            await ReloadAsync(reload, sends, ct);
            // A change that raced its location's put still goes out as a statusChanged item once the location is known
            // (the re-read already holds it; clients drop an item older than what they show).
            foreach (var change in deferred)
            {
                estate.Apply(change.LocationId, change.EvseUid, change.Status, change.LastUpdated, change.Version, out _);
                if (estate.TileOf(change.LocationId) is { } tile)
                {
                    AddItem(round, tile, change);
                }
            }
        }

        var writes = 0;
        foreach (var (connectionId, items) in round.Messages(subscriptions.DetailViewers))
        {
            sends.Add(hub.Clients.Client(connectionId).SendAsync(StatusHub.StatusChanged, items, ct));
            writes++;
        }

        await WaitForSendsAsync(sends);
        return writes;
    }

    private void AddItem(DetailRound round, TileKey tile, EvseStatusChange change)
    {
        var group = ViewportPlan.GroupName(ViewportPlan.Detail, tile);
        if (subscriptions.IsWatched(group))
        {
            round.Add(group, new DashboardStatusItem(
                change.LocationId, change.EvseUid, EvseStatusNames.Of(change.Status), OcpiDateTime.Format(change.LastUpdated)));
        }
    }

    /// <summary>Re-reads locations: new ones appear, edited ones change, unpublished ones disappear, moved ones jump tiles.</summary>
    private async Task ReloadAsync(HashSet<string> ids, List<Task> sends, CancellationToken ct)
    {
        IReadOnlyList<MapLocation> found;
        try
        {
            found = await reader.ReadAsync(ids, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            LogReloadFailed(ex, ids.Count);
            if (pending.AddLocations(ids))
            {
                Wake(); // tried again on the next round
            }

            return;
        }

        var present = found.Select(l => l.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var location in found)
        {
            var (previous, current) = estate.Upsert(location);
            if (previous is { } old && old != current)
            {
                sends.Add(SendToDetail(old, StatusHub.LocationRemoved, location.Id, ct));
            }

            sends.Add(SendToDetail(current, StatusHub.LocationChanged, estate.Feature(location.Id), ct));
        }

        foreach (var id in ids.Where(id => !present.Contains(id)))
        {
            if (estate.Remove(id) is { } tile)
            {
                sends.Add(SendToDetail(tile, StatusHub.LocationRemoved, id, ct));
            }
        }
    }

    private Task SendToDetail(TileKey tile, string method, object? argument, CancellationToken ct)
    {
        var group = ViewportPlan.GroupName(ViewportPlan.Detail, tile);
        return subscriptions.IsWatched(group) ? hub.Clients.Group(group).SendAsync(method, argument, ct) : Task.CompletedTask;
    }

    private async Task WaitForSendsAsync(List<Task> sends)
    {
        if (sends.Count == 0)
        {
            return;
        }

        try
        {
            await Task.WhenAll(sends).WaitAsync(SendWait, time);
        }
        catch (Exception ex)
        {
            // A timed-out send goes on in the background; the connection's own buffer bounds it.
            LogSendFailed(ex, sends.Count);
        }
    }

    [LoggerMessage(LogLevel.Information, "Dashboard estate loaded: {Locations} published locations")]
    private partial void LogLoaded(int locations);

    [LoggerMessage(LogLevel.Warning, "Dashboard estate load failed (attempt {Attempt}); retrying")]
    private partial void LogLoadFailed(Exception ex, int attempt);

    [LoggerMessage(LogLevel.Warning, "Dashboard could not re-read {Count} locations; retrying")]
    private partial void LogReloadFailed(Exception ex, int count);

    [LoggerMessage(LogLevel.Warning, "Dashboard aggregate send failed")]
    private partial void LogAggregateFailed(Exception ex);

    [LoggerMessage(LogLevel.Debug, "Dashboard sends did not all finish in time ({Count})")]
    private partial void LogSendFailed(Exception ex, int count);
}
