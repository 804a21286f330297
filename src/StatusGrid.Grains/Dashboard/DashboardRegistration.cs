using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusGrid.Grains.Fanout;
using Orleans.Runtime;
using StatusGrid.Contracts.Dashboard;

namespace StatusGrid.Grains.Dashboard;

/// <summary>
/// Registers this silo's dashboard observer once the silo is active, again every few seconds so the registry (in
/// memory) recovers after it moved or restarted, and at once on every membership change: when a silo dies, the
/// registry may have died with it, and until every silo has registered again its browsers would miss changes.
/// Unregisters on shutdown. The register/re-register/unregister loop is <see cref="ObserverRegistration"/>'s.
/// </summary>
public sealed class DashboardRegistration(
    DashboardFeed feed,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    IOptions<FanoutOptions> fanout,
    ILogger<DashboardRegistration> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(250);
    private const int MembershipChangeAttempts = 8;

    private ObserverRegistration? _registration;

    /// <summary>This silo's own observer: the fan-out calls it directly, so local clients never depend on the registry.</summary>
    public IDashboardObserver? LocalObserver => _registration?.Observer;

    public string SiloId => silo.SiloAddress.ToParsableString();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DashboardRegistration), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var siloId = SiloId;
        _registration = new ObserverRegistration(feed, grains, siloId, Interval, fanout.Value.ObserverRefreshInterval,
            (registry, observer) => registry.Register(siloId, observer), logger);
        await _registration.StartAsync();
        _registration.Run(() => WatchMembershipAsync(_registration));
    }

    private async Task WatchMembershipAsync(ObserverRegistration registration)
    {
        try
        {
            await foreach (var _ in membership.MembershipUpdates.WithCancellation(registration.Stopping))
            {
                // Right after a death, a call may still be routed to the dead silo: retry briefly.
                for (var attempt = 1; attempt <= MembershipChangeAttempts && !await registration.RegisterAsync(quiet: attempt < MembershipChangeAttempts); attempt++)
                {
                    await Task.Delay(Retry, registration.Stopping);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private Task StopAsync(CancellationToken cancellationToken) => _registration?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}
