using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusGrid.Grains.Fanout;

namespace StatusGrid.Grains.Dashboard;

/// <summary>
/// The front-end's counterpart of <see cref="DashboardRegistration"/>: a front-end is an Orleans client, so its
/// observer is a client object reference, and every silo's fan-out sends it batches one-way through the gateway. It
/// registers at start, again every <see cref="FrontEndOptions.RegistrationInterval"/> (the registry is in memory and
/// has no membership row to tell it a front-end is alive), and unregisters on a graceful stop (the loop is
/// <see cref="ObserverRegistration"/>'s). A crashed front-end is dropped once six intervals pass without a
/// registration: the ratio of a silo's (5 s, 30 s), so a front-end stalled for a few intervals (a long GC pause, a
/// starved CPU) keeps its browsers' changes.
/// </summary>
public sealed class FrontEndDashboardRegistration : IHostedService
{
    private const int MissedRegistrationsBeforeExpiry = 6;

    private readonly ObserverRegistration _registration;

    public FrontEndDashboardRegistration(
        DashboardFeed feed,
        IGrainFactory grains,
        IOptions<FrontEndOptions> options,
        IOptions<FanoutOptions> fanout,
        ILogger<FrontEndDashboardRegistration> logger)
    {
        FrontEndId = $"frontend/{options.Value.Name ?? Environment.MachineName}/{Guid.NewGuid():N}";
        var interval = options.Value.RegistrationInterval;
        var expiry = interval * MissedRegistrationsBeforeExpiry;
        // The silos' fan-out refresh interval: a front-end reads the same StatusGrid:Fanout settings (default 2 s).
        _registration = new ObserverRegistration(feed, grains, FrontEndId, interval, fanout.Value.ObserverRefreshInterval,
            (registry, observer) => registry.RegisterFrontEnd(FrontEndId, observer, expiry), logger);
    }

    /// <summary>Unique per process, so two front-ends with one name (replicas) never replace each other's entry.</summary>
    public string FrontEndId { get; }

    public Task StartAsync(CancellationToken cancellationToken) => _registration.StartAsync();

    public Task StopAsync(CancellationToken cancellationToken) => _registration.StopAsync(cancellationToken);
}
