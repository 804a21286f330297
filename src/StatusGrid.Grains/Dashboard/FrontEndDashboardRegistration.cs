using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusGrid.Contracts.Dashboard;

namespace StatusGrid.Grains.Dashboard;

/// <summary>
/// The front-end's counterpart of <see cref="DashboardRegistration"/>: a front-end is an Orleans client, so its
/// observer is a client object reference, and every silo's fan-out sends it batches one-way through the gateway. It
/// registers at start, again every <see cref="FrontEndOptions.RegistrationInterval"/> (the registry is in memory and
/// has no membership row to tell it a front-end is alive), and unregisters on a graceful stop. A crashed front-end is
/// dropped once six intervals pass without a registration: the ratio of a silo's (5 s, 30 s), so a front-end stalled
/// for a few intervals (a long GC pause, a starved CPU) keeps its browsers' changes.
/// </summary>
public sealed class FrontEndDashboardRegistration(
    DashboardFeed feed,
    IGrainFactory grains,
    IOptions<FrontEndOptions> options,
    ILogger<FrontEndDashboardRegistration> logger) : IHostedService
{
    private const int MissedRegistrationsBeforeExpiry = 6;

    private readonly CancellationTokenSource _stop = new();
    private DashboardObserver? _observer; // Orleans holds observers weakly: this field keeps ours alive.
    private IDashboardObserver? _reference;
    private Task? _loop;

    /// <summary>Unique per process, so two front-ends with one name (replicas) never replace each other's entry.</summary>
    public string FrontEndId { get; } = $"frontend/{options.Value.Name ?? Environment.MachineName}/{Guid.NewGuid():N}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        feed.Start();
        _observer = new DashboardObserver(feed);
        _reference = grains.CreateObjectReference<IDashboardObserver>(_observer);
        // Not fatal: the cluster may still be electing the registry's silo; the loop retries at the next interval.
        await RegisterAsync();
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(options.Value.RegistrationInterval);
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
            var expiry = options.Value.RegistrationInterval * MissedRegistrationsBeforeExpiry;
            await grains.GetGrain<IDashboardRegistryGrain>(0).RegisterFrontEnd(FrontEndId, _reference!, expiry);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not register dashboard observer of front-end {FrontEnd}", FrontEndId);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        try
        {
            await grains.GetGrain<IDashboardRegistryGrain>(0).Unregister(FrontEndId).WaitAsync(cancellationToken);
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
