using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using StatusGrid.Server.Auth;
using StatusGrid.Server.Dashboard;
using StatusGrid.Storage;

namespace StatusGrid.Server.Hosting;

/// <summary>Prints where StatusGrid can be reached once Kestrel listens.</summary>
internal sealed class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    IOptions<StorageOptions> storage,
    IOptions<ApiKeyOptions> keys,
    IOptions<DashboardOptions> dashboard,
    IOptions<ClusterSettings> cluster,
    IHostEnvironment environment,
    IConfiguration configuration,
    ILogger<StartupBanner> logger,
    ClusterTrust? clusterTls = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                logger.LogInformation("StatusGrid ready: dashboard {Url}/  ingest {Url}/api/status  admin {Url}/api/admin  API reference {Url}/scalar  OCPI {Url}/ocpi/versions  hub {Url}/hubs/status  health {Url}/healthz/ready",
                    address, address, address, address, address, address, address);
            }

            logger.LogInformation("Data: {Storage}", StorageDescription.Describe(storage.Value));
            var role = HostRoles.Read(configuration);
            if (role == HostRole.FrontEnd)
            {
                logger.LogInformation("Role: front-end, an Orleans client of cluster {ClusterId}; grains run on its silos", cluster.Value.ClusterId);
            }

            // Outside Development weak keys stop the start (ApiHosting); here they can only be Development's.
            foreach (var problem in ApiKeyCheck.Problems(keys.Value, dashboard.Value.ViewerApiKey))
            {
                logger.LogWarning("Weak API key, accepted only in Development: {Problem}", problem);
            }

            if (clusterTls is not null)
            {
                logger.LogInformation("Cluster TLS: {ClusterTls}", clusterTls.Describe());
            }
            else if (ClusterTlsHosting.UnprotectedClusterWarning(cluster.Value, environment, role) is { } warning)
            {
                logger.LogWarning("Cluster ports unprotected: {Warning}", warning);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
