using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using StatusGrid.Contracts.Dashboard;

namespace StatusGrid.Grains.Dashboard;

/// <summary>
/// Registers this silo's dashboard observer once the silo is active, again every few seconds so the registry (in
/// memory) recovers after it moved or restarted, and at once on every membership change: when a silo dies, the
/// registry may have died with it, and until every silo has registered again its browsers would miss changes.
/// Unregisters on shutdown.
/// </summary>
public sealed class DashboardRegistration(
    DashboardFeed feed,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    ILogger<DashboardRegistration> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(250);
    private const int MembershipChangeAttempts = 8;

    private readonly CancellationTokenSource _stop = new();
    private DashboardObserver? _observer; // Orleans holds observers weakly: this field keeps ours alive.
    private IDashboardObserver? _reference;
    private Task? _loop;
    private Task? _watch;

    /// <summary>This silo's own observer: the fan-out calls it directly, so local clients never depend on the registry.</summary>
    public IDashboardObserver? LocalObserver => _observer;

    public string SiloId => silo.SiloAddress.ToParsableString();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DashboardRegistration), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        feed.Start();
        _observer = new DashboardObserver(feed);
        _reference = grains.CreateObjectReference<IDashboardObserver>(_observer);
        await RegisterAsync();
        _loop = Task.Run(LoopAsync, CancellationToken.None);
        _watch = Task.Run(WatchMembershipAsync, CancellationToken.None);
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
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

    private async Task WatchMembershipAsync()
    {
        try
        {
            await foreach (var _ in membership.MembershipUpdates.WithCancellation(_stop.Token))
            {
                // Right after a death, a call may still be routed to the dead silo: retry briefly.
                for (var attempt = 1; attempt <= MembershipChangeAttempts && !await RegisterAsync(quiet: attempt < MembershipChangeAttempts); attempt++)
                {
                    await Task.Delay(Retry, _stop.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<bool> RegisterAsync(bool quiet = false)
    {
        try
        {
            await grains.GetGrain<IDashboardRegistryGrain>(0).Register(silo.SiloAddress.ToParsableString(), _reference!);
            return true;
        }
        catch (Exception ex)
        {
            logger.Log(quiet ? LogLevel.Debug : LogLevel.Warning, ex, "Could not register dashboard observer of silo {Silo}", silo.SiloAddress);
            return false;
        }
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        foreach (var task in new[] { _loop, _watch })
        {
            if (task is not null)
            {
                await task;
            }
        }

        try
        {
            await grains.GetGrain<IDashboardRegistryGrain>(0).Unregister(silo.SiloAddress.ToParsableString()).WaitAsync(cancellationToken);
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
