using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StatusGrid.Contracts.Evses;

namespace StatusGrid.Grains.Dashboard;

/// <summary>
/// Between the fan-out and this silo's dashboard sinks. Adding only merges into a pending set under a short lock and
/// returns: per EVSE the newest change (by version), plus the locations to re-read, so it is bounded by the estate's
/// size however fast changes come and however long a sink takes. One loop on its own task hands the pending set to
/// the sinks, one call at a time. A slow, failing or blocked sink (even one that blocks its thread) therefore delays
/// only the browsers: the fan-out's partner hand-off and the ingest answers never wait for it.
/// </summary>
public sealed class DashboardFeed(IServiceProvider services, ILogger<DashboardFeed> logger) : IAsyncDisposable
{
    /// <summary>How long shutdown waits for a sink call in progress; a blocked sink must not hold the silo's shutdown.</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private Dictionary<(string Location, string Evse), EvseStatusChange> _changes = [];
    private List<string> _locations = [];
    private bool _resync;
    private long _offered;
    private long _coalesced;
    private Task? _loop;

    /// <summary>Every change offered: every silo's feed sees every accepted change of the cluster.</summary>
    public long Offered => Interlocked.Read(ref _offered);

    /// <summary>Changes replaced by a newer one of the same EVSE before a sink took them.</summary>
    public long Coalesced => Interlocked.Read(ref _coalesced);

    public void Start()
    {
        var sinks = services.GetServices<IDashboardSink>().ToArray();
        _loop ??= Task.Run(() => LoopAsync(sinks), CancellationToken.None);
    }

    public void Add(ImmutableArray<EvseStatusChange> changes)
    {
        Interlocked.Add(ref _offered, changes.Length);
        lock (_gate)
        {
            foreach (var change in changes)
            {
                var key = (change.LocationId.ToUpperInvariant(), change.EvseUid.ToUpperInvariant());
                if (_changes.TryGetValue(key, out var held))
                {
                    Interlocked.Increment(ref _coalesced);
                    if (held.Version >= change.Version)
                    {
                        continue;
                    }
                }

                _changes[key] = change;
            }
        }

        Wake();
    }

    /// <summary>The host's observer was out of the registry: sinks re-read what they show (see <see cref="IDashboardSink.ResyncAsync"/>).</summary>
    public void Resync()
    {
        lock (_gate)
        {
            _resync = true;
        }

        Wake();
    }

    public void AddLocations(ImmutableArray<string> locationIds)
    {
        lock (_gate)
        {
            _locations.AddRange(locationIds);
        }

        Wake();
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

    private async Task LoopAsync(IDashboardSink[] sinks)
    {
        try
        {
            while (true)
            {
                await _wake.WaitAsync(_stop.Token);
                ImmutableArray<string> locations;
                ImmutableArray<EvseStatusChange> changes;
                bool resync;
                lock (_gate)
                {
                    resync = _resync;
                    _resync = false;
                    locations = [.. _locations.Distinct(StringComparer.OrdinalIgnoreCase)];
                    changes = [.. _changes.Values];
                    _locations = [];
                    _changes = [];
                }

                if (resync)
                {
                    await EachSinkAsync(sinks, sink => sink.ResyncAsync(), 0);
                }

                // Locations first: a new location's first statuses may be in the same round, and the map must know where it is.
                if (!locations.IsEmpty)
                {
                    await EachSinkAsync(sinks, sink => sink.LocationsChangedAsync(locations), locations.Length);
                }

                if (!changes.IsEmpty)
                {
                    await EachSinkAsync(sinks, sink => sink.DeliverAsync(changes), changes.Length);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task EachSinkAsync(IDashboardSink[] sinks, Func<IDashboardSink, Task> deliver, int count)
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

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop.WaitAsync(StopWait);
            }
            catch (TimeoutException)
            {
                logger.LogWarning("A dashboard sink did not return within {Wait}; stopping without it", StopWait);
            }
        }
    }
}
