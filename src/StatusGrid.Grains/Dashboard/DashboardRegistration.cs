using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using StatusGrid.Contracts.Dashboard;

namespace StatusGrid.Grains.Dashboard;

/// <summary>
/// Registers this silo's dashboard observer once the silo is active, and again every few seconds so the registry
/// (in memory) recovers after it moved or restarted. Unregisters on shutdown.
/// </summary>
internal sealed class DashboardRegistration(
    IServiceProvider services,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    ILogger<DashboardRegistration> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stop = new();
    private DashboardObserver? _observer; // Orleans holds observers weakly: this field keeps ours alive.
    private IDashboardObserver? _reference;
    private Task? _loop;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DashboardRegistration), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        _observer = new DashboardObserver(services.GetServices<IDashboardSink>(), logger);
        _reference = grains.CreateObjectReference<IDashboardObserver>(_observer);
        await RegisterAsync();
        _loop = Task.Run(LoopAsync, CancellationToken.None);
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

    private async Task RegisterAsync()
    {
        try
        {
            await grains.GetGrain<IDashboardRegistryGrain>(0).Register(silo.SiloAddress.ToParsableString(), _reference!);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not register dashboard observer of silo {Silo}", silo.SiloAddress);
        }
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
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
    }
}
