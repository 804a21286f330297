using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StatusGrid.Grains.Partners;
using StatusGrid.Server.OcpiApi.Credentials;
using StatusGrid.TestSupport;

namespace StatusGrid.Server.Tests;

/// <summary>
/// The real StatusGrid host (Kestrel on loopback, co-hosted silo, SQLite file) as a user runs it, with test keys and
/// quick retry settings. Restartable on the same database file.
/// </summary>
public sealed class StatusGridHost : IAsyncDisposable
{
    // Tests run in the Production environment, where keys shorter than 32 characters stop the start.
    public const string AdminKey = "test-admin-key-0123456789abcdefghijklmn";
    public const string IngestKey = "test-ingest-key-0123456789abcdefghijklm";

    private readonly Action<WebApplicationBuilder>? _configure;
    private WebApplication? _app;

    private StatusGridHost(string dataDirectory, IReadOnlyDictionary<string, string> settings, Action<WebApplicationBuilder>? configure)
    {
        DataDirectory = dataDirectory;
        Settings = settings;
        _configure = configure;
    }

    private bool _started;

    public string DataDirectory { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <param name="configure">Extra service registrations after StatusGrid's own (e.g. a test double for one service).</param>
    public static async Task<StatusGridHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? dataDirectory = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var directory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "statusgrid-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var host = new StatusGridHost(directory, settings ?? new Dictionary<string, string>(), configure);
        try
        {
            await host.StartAsync();
        }
        catch
        {
            // A host that fails to start (a refused silo) must not keep its silo, Kestrel or data folder around.
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    public async Task StartAsync()
    {
        var args = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["StatusGrid:Storage:Provider"] = "Sqlite",
            ["StatusGrid:Storage:ConnectionString"] = $"Data Source={Path.Combine(DataDirectory, "statusgrid.db")}",
            ["StatusGrid:Cluster:SiloPort"] = FreePort.Next().ToString(),
            ["StatusGrid:Cluster:GatewayPort"] = FreePort.Next().ToString(),
            ["StatusGrid:Auth:AdminApiKey"] = AdminKey,
            ["StatusGrid:Auth:IngestApiKey"] = IngestKey,
            ["StatusGrid:Push:BackoffBase"] = "00:00:00.050",
            ["StatusGrid:Push:BackoffMax"] = "00:00:01",
            ["StatusGrid:Push:BreakDuration"] = "00:00:01",
            ["StatusGrid:Push:RequestTimeout"] = "00:00:03",
            // The port is only known once Kestrel listens: OCPI URLs follow the request's host instead.
            ["StatusGrid:Ocpi:PublicBaseUrl"] = "",
            ["StatusGrid:Ocpi:HandshakeTimeout"] = "00:00:05",
            // The mock eMSPs listen on loopback; tests of the address rule turn this off.
            ["StatusGrid:Ocpi:AllowPrivateNetworkPartners"] = "true",
            // Every test client is 127.0.0.1, and a fixture shared by a class sees all its tests' refused tokens:
            // the failed-authentication bound is tested on its own (OcpiAuthFailureLimitTests), not by accident.
            ["StatusGrid:RateLimits:FailedOcpiAuthPerClientAddressPerMinute"] = "1000000",
        };
        foreach (var (key, value) in Settings)
        {
            args[key] = value;
        }

        _app = await StatusGridApp.CreateAsync(
            [.. args.Select(kv => $"--{kv.Key}={kv.Value}")],
            builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Services.AddHttpClient(PartnerApiClient.HttpClientName).AddHttpMessageHandler(() => new LoopbackOnlyHandler());
                builder.Services.AddHttpClient(OcpiPushClient.HttpClientName).AddHttpMessageHandler(() => new LoopbackOnlyHandler());
                _configure?.Invoke(builder);
            });
        await _app.StartAsync();
        _started = true;
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            try
            {
                await _app.StopAsync();
            }
            catch (ArgumentNullException) when (!_started)
            {
                // Start failed before the host resolved its hosted services (options refused at start): nothing to stop.
            }
            catch (InvalidOperationException) when (!_started)
            {
                // Start failed after they were resolved but before the silo ran ("not in the Running state"): the same.
            }

            await _app.DisposeAsync();
            _app = null;
        }
    }

    public HttpClient Client(string? apiKey = AdminKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
