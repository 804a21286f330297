using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using StatusGrid.Server.Auth;
using StatusGrid.Storage;

namespace StatusGrid.Server.Hosting;

/// <summary>Prints where StatusGrid can be reached once Kestrel listens.</summary>
internal sealed class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    IOptions<StorageOptions> storage,
    IOptions<ApiKeyOptions> keys,
    ILogger<StartupBanner> logger) : IHostedService
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
            if (keys.Value.AdminApiKey is "change-me-admin" || keys.Value.IngestApiKey is "change-me-ingest")
            {
                logger.LogWarning("Default API keys are in use: set StatusGrid__Auth__AdminApiKey and StatusGrid__Auth__IngestApiKey for anything but a local trial");
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
