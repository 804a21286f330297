using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StatusGrid.TestSupport;

namespace StatusGrid.Storage.Tests.OrleansContract;

/// <summary>
/// A real Orleans 10.4.2 silo on our schema, configured as CONTRACT.md section 8 says: AdoNet clustering, two AdoNet
/// grain storages (one deleting on clear), AdoNet reminders, System.Text.Json storage serializer; plus an external
/// client that finds the gateway through the AdoNet membership table.
/// </summary>
public sealed class OrleansHarness : IAsyncDisposable
{
    public const string Storage = "store";
    public const string DeletingStorage = "store-delete";
    public const string StateName = "contract";

    private OrleansHarness(StorageOptions options, string serviceId, string clusterId, IHost silo, IHost client)
    {
        Options = options;
        ServiceId = serviceId;
        ClusterId = clusterId;
        Silo = silo;
        Client = client;
    }

    public StorageOptions Options { get; }

    public string ServiceId { get; }

    public string ClusterId { get; }

    public IHost Silo { get; }

    public IHost Client { get; }

    public IServiceProvider SiloServices => Silo.Services;

    public IClusterClient ClusterClient => Client.Services.GetRequiredService<IClusterClient>();

    public static async Task<OrleansHarness> StartAsync(StorageOptions options)
    {
        await SchemaMigrator.ApplyAsync(options);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var serviceId = $"sg-service-{suffix}";
        var clusterId = $"sg-cluster-{suffix}";
        var silo = await StartSiloAsync(options, options.AdoNetInvariant, serviceId, clusterId);
        try
        {
            var client = await StartClientAsync(options, serviceId, clusterId);
            return new OrleansHarness(options, serviceId, clusterId, silo, client);
        }
        catch
        {
            await StopAsync(silo);
            throw;
        }
    }

    /// <summary>Starts (and on success returns) a silo whose AdoNet providers all use <paramref name="invariant"/>.</summary>
    public static async Task<IHost> StartSiloAsync(StorageOptions options, string invariant, string serviceId, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = serviceId;
                o.ClusterId = clusterId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePorts.Next(), FreePorts.Next());
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = invariant;
                o.ConnectionString = options.ConnectionString;
            });
            silo.AddAdoNetGrainStorage(Storage, o =>
            {
                o.Invariant = invariant;
                o.ConnectionString = options.ConnectionString;
            });
            silo.AddAdoNetGrainStorage(DeletingStorage, o =>
            {
                o.Invariant = invariant;
                o.ConnectionString = options.ConnectionString;
                o.DeleteStateOnClear = true;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = invariant;
                o.ConnectionString = options.ConnectionString;
            });
            silo.UseSystemTextJsonGrainStorageSerializer();
        });
        var host = builder.Build();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StartAsync(timeout.Token);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(Client);
        await StopAsync(Silo);
    }

    private static async Task<IHost> StartClientAsync(StorageOptions options, string serviceId, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = serviceId;
                o.ClusterId = clusterId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = options.AdoNetInvariant;
                o.ConnectionString = options.ConnectionString;
            });
        });
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return host;
    }

    private static async Task StopAsync(IHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        finally
        {
            host.Dispose();
        }
    }
}
