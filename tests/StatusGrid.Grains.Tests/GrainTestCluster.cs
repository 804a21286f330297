using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using StatusGrid.Grains.Dashboard;
using StatusGrid.Grains.Hosting;
using StatusGrid.Grains.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Storage;
using StatusGrid.Storage.Estate;
using StatusGrid.Storage.Sqlite;

namespace StatusGrid.Grains.Tests;

/// <summary>
/// An in-process cluster of real silos running StatusGrid's grains, with the stores and the grain state shared in
/// memory (like one database, they outlive a killed silo), a recording dashboard sink per silo and a stub partner
/// endpoint. Tests that kill silos ask for membership that declares a killed silo dead within seconds.
/// </summary>
public sealed class GrainTestCluster : IAsyncDisposable
{
    private readonly string _databaseDirectory;

    private GrainTestCluster(
        InProcessTestCluster cluster, InMemoryStorage storage, StubPartnerHandler partners, ConcurrentDictionary<string, RecordingDashboardSink> sinks, string databaseDirectory)
    {
        _databaseDirectory = databaseDirectory;
        Cluster = cluster;
        Storage = storage;
        Partners = partners;
        Sinks = sinks;
    }

    public InProcessTestCluster Cluster { get; }

    public InMemoryStorage Storage { get; }

    public StubPartnerHandler Partners { get; }

    /// <summary>By silo name.</summary>
    public ConcurrentDictionary<string, RecordingDashboardSink> Sinks { get; }

    public IClusterClient Client => Cluster.Client;

    /// <param name="killsSilos">
    /// The test kills silos: membership declares one dead after a single missed 500 ms probe, so the test waits seconds,
    /// not a minute. Everything else keeps Orleans' defaults: on a loaded 2-core CI machine a live silo can miss one short
    /// probe (a GC pause, a starved thread pool), and a silo falsely declared dead shuts itself down mid-test.
    /// </param>
    public static async Task<GrainTestCluster> StartAsync(int silos = 2, IDictionary<string, string?>? settings = null, bool killsSilos = false)
    {
        // Grain state goes through the real Orleans ADO.NET provider on a SQLite file of our schema: like a database,
        // it outlives a killed silo (Orleans' memory storage lives in a grain and dies with its silo).
        var databaseDirectory = Path.Combine(Path.GetTempPath(), "statusgrid-grains-" + Guid.NewGuid().ToString("N"));
        var storageOptions = new StorageOptions { ConnectionString = $"Data Source={Path.Combine(databaseDirectory, "grains.db")}" };
        await SchemaMigrator.ApplyAsync(storageOptions);
        var storage = new InMemoryStorage();
        var partners = new StubPartnerHandler();
        var sinks = new ConcurrentDictionary<string, RecordingDashboardSink>();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["StatusGrid:Push:BackoffBase"] = "00:00:00.050",
                ["StatusGrid:Push:BackoffMax"] = "00:00:01",
                ["StatusGrid:Push:BreakDuration"] = "00:00:01",
                ["StatusGrid:Push:ReconcileInterval"] = "00:00:02",
                ["StatusGrid:Push:RequestTimeout"] = "00:00:02",
                ["StatusGrid:Fanout:ObserverRefreshInterval"] = "00:00:00.500",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddAdoNetGrainStorage(StorageNames.Grains, o =>
            {
                o.Invariant = storageOptions.AdoNetInvariant;
                o.ConnectionString = storageOptions.ConnectionString;
            });

            // As the host does on SQLite: grain state writes take the file's write turn (see GatedGrainStorage).
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Grains, (services, name) => new FaultyGrainStorage(
                new GatedGrainStorage(AdoNetGrainStorageFactory.Create(services, (string)name!), storageOptions.ConnectionString),
                storage.FailingGrainWrites));
            silo.UseSystemTextJsonGrainStorageSerializer();
            silo.UseSingleActivationDirectory();
            if (killsSilos)
            {
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromMilliseconds(500);
                    o.NumMissedProbesLimit = 1;
                    o.NumVotesForDeathDeclaration = 1;
                    o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                });
            }

            var services = silo.Services;

            // Random placement spreads grains over the silos, so cross-silo paths are really exercised.
            services.AddSingleton<PlacementStrategy, RandomPlacement>();
            services.AddStatusGridSilo(configuration);
            services.AddSingleton<IStatusStore>(storage);
            services.AddSingleton<ILocationStore>(storage);
            services.AddSingleton<IEstateStore>(storage);
            services.AddSingleton<IDeliveryLedger>(storage);
            services.AddSingleton<IConnectorStore>(storage);
            // Ordered queues in the SQLite file beside the grain state: they outlive a killed silo like a database.
            services.AddSingleton<IPartnerQueueStore>(new FaultyPartnerQueueStore(
                new SqlitePartnerQueueStore(storageOptions), storage.FailingQueueWrites, storage.QueueWrites));
            services.AddSingleton<IDashboardSink>(sinks.GetOrAdd(options.SiloName, name => new RecordingDashboardSink(name)));
            services.AddHttpClient(OcpiPushClient.HttpClientName)
                .AddHttpMessageHandler(() => new SiloTagHandler(options.SiloName))
                .ConfigurePrimaryHttpMessageHandler(() => partners)
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(s => s.AddStatusGridSerializers()));

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new GrainTestCluster(cluster, storage, partners, sinks, databaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_databaseDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
