using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StatusGrid.Grains;
using StatusGrid.Grains.Hosting;
using StatusGrid.Grains.Partners;
using StatusGrid.Storage;

namespace StatusGrid.Benchmarks;

/// <summary>
/// One silo in the benchmark process with StatusGrid's grains and services, the real SQLite stores (temp file) for
/// the delivery ledger, memory grain storage, and every partner push answered by <see cref="InstantPartnerHandler"/>.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _directory;

    private BenchSilo(IHost host, string directory, InstantPartnerHandler partner)
    {
        _host = host;
        _directory = directory;
        Partner = partner;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public InstantPartnerHandler Partner { get; }

    public static async Task<BenchSilo> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("statusgrid-bench-").FullName;
        var storage = new StorageOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(directory, "bench.db")}" };
        await SchemaMigrator.ApplyAsync(storage);
        var partner = new InstantPartnerHandler();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddStatusGridStorage(storage);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort());
            silo.AddMemoryGrainStorage(StorageNames.Grains);
            silo.UseSingleActivationDirectory(); // as the host does: partner grains live in it
            silo.Services.AddStatusGridSilo(builder.Configuration);
            silo.Services.AddHttpClient(OcpiPushClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => partner);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host, directory, partner);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
