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
                logger.LogInformation("StatusGrid ready: dashboard {Url}/  ingest {Url}/api/status  admin {Url}/api/admin  OCPI {Url}/ocpi/versions  hub {Url}/hubs/status",
                    address, address, address, address, address);
            }

            logger.LogInformation("Storage: {Provider} ({ConnectionString})", storage.Value.Provider, Redact(storage.Value.ConnectionString));
            if (keys.Value.AdminApiKey is "change-me-admin" || keys.Value.IngestApiKey is "change-me-ingest")
            {
                logger.LogWarning("Default API keys are in use: set StatusGrid__Auth__AdminApiKey and StatusGrid__Auth__IngestApiKey for anything but a local trial");
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Redact(string connectionString) =>
        string.Join(';', connectionString.Split(';').Select(p => p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase) ? "Password=***" : p));
}
