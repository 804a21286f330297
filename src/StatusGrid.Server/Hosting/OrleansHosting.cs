using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Orleans.Configuration;
using Orleans.Storage;
using StatusGrid.Grains;
using StatusGrid.Grains.Hosting;
using StatusGrid.Server.Dashboard;
using StatusGrid.Storage;

namespace StatusGrid.Server.Hosting;

public static class OrleansHosting
{
    /// <summary>
    /// The co-hosted silo: clustering, ADO.NET grain storage and reminders on the configured database, our services.
    /// With <c>StatusGrid:Role=FrontEnd</c>, an Orleans client of the cluster instead (FrontEndHosting).
    /// </summary>
    public static WebApplicationBuilder AddStatusGridOrleans(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.IsFrontEnd())
        {
            return builder.AddStatusGridFrontEnd();
        }

        var cluster = builder.Configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        var storage = StorageHosting.ReadOptions(builder.Configuration);
        builder.Services.Configure<ClusterSettings>(builder.Configuration.GetSection(ClusterSettings.SectionName));
        var tls = ClusterTlsHosting.Load(cluster.Tls, TimeProvider.System);
        if (tls is not null)
        {
            builder.Services.AddSingleton(tls);
        }

        builder.Services.AddSingleton<IClusterView, SiloClusterView>();
        builder.UseOrleans(silo =>
        {
            if (cluster.Mode == ClusterMode.Localhost)
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);

                // One silo: every grain is local and its address is one dictionary lookup away, so the directory
                // cache (an LRU pre-sized for a million entries, then an entry per active grain: ≈ 37 MB at 100k EVSEs)
                // saves no remote call. The size also pre-sizes the cache of the single-activation directory, which
                // holds only partner and registration grains.
                silo.Configure<GrainDirectoryOptions>(o =>
                {
                    o.CachingStrategy = GrainDirectoryOptions.CachingStrategyType.None;
                    o.CacheSize = 10_000;
                });
            }
            else
            {
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ServiceId = cluster.ServiceId;
                    o.ClusterId = cluster.ClusterId;
                });
                ConfigureClusterEndpoints(silo, cluster);
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = storage.AdoNetInvariant;
                    o.ConnectionString = storage.ConnectionString;
                });
            }

            if (tls is not null)
            {
                silo.UseClusterTls(tls);
            }

            if (cluster.SiloName is { Length: > 0 } siloName)
            {
                silo.Configure<SiloOptions>(o => o.SiloName = siloName);
            }

            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(ClusterSettings.MembershipSectionName));
            silo.Configure<GrainDirectoryOptions>(builder.Configuration.GetSection(ClusterSettings.DirectorySectionName));
            silo.UseSingleActivationDirectory();
            if (cluster.Placement == GrainPlacement.Random)
            {
                silo.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
            }

            silo.AddAdoNetGrainStorage(StorageNames.Grains, o =>
            {
                o.Invariant = storage.AdoNetInvariant;
                o.ConnectionString = storage.ConnectionString;
            });
            if (storage.Provider == DatabaseProvider.Sqlite)
            {
                // Replaces the provider's registration (the last one for a name wins); its lifecycle registration
                // resolves this one, which passes the lifecycle on.
                silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Grains,
                    (services, name) => new GatedGrainStorage(AdoNetGrainStorageFactory.Create(services, (string)name!), storage.ConnectionString));
            }

            // Reminders are durable by definition (they must survive the silo that registered them), so they live in
            // the database on both providers: PostgreSQL for a cluster, and the SQLite file on one machine, where
            // in-memory reminders would be forgotten on every restart. Both schemas pass the same Orleans reminder
            // contract tests (StatusGrid.Storage.Tests).
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = storage.AdoNetInvariant;
                o.ConnectionString = storage.ConnectionString;
            });
            silo.UseSystemTextJsonGrainStorageSerializer();
            silo.Services.AddStatusGridSilo(builder.Configuration);
            // The dashboard's sink (DashboardPump) is registered by AddDashboard.

            // Operations: trace context flows through grain calls (ingest → EVSE grain → partner grain) when traces
            // are recorded; without, the two call filters only cost every grain call a little (no one reads them).
            // The Orleans Dashboard is served behind the admin key (OrleansDashboardHosting).
            if (TelemetryHosting.IsTracing(builder.Configuration))
            {
                silo.AddActivityPropagation();
            }

            silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, (_, _) => new MembershipClock());
            if (OrleansDashboardHosting.IsEnabled(builder.Configuration))
            {
                Orleans.Dashboard.ServiceCollectionExtensions.AddDashboard(silo);
            }
        });
        return builder;
    }

    /// <summary>
    /// Silo-to-silo and gateway traffic is not authenticated unless TLS is configured (ClusterTlsHosting): anyone who reaches these
    /// ports can call any grain. So they listen on the advertised address only (the one other silos use), or on
    /// <see cref="ClusterSettings.ListenIp"/> when set, never on every address by default.
    /// </summary>
    private static void ConfigureClusterEndpoints(ISiloBuilder silo, ClusterSettings cluster)
    {
        var advertised = AdvertisedAddress(cluster);
        var listen = cluster.ListenIp is { Length: > 0 } configured ? IPAddress.Parse(configured) : advertised;
        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = advertised;
            o.SiloPort = cluster.SiloPort;
            o.GatewayPort = cluster.GatewayPort;
            o.SiloListeningEndpoint = new IPEndPoint(listen, cluster.SiloPort);
            o.GatewayListeningEndpoint = new IPEndPoint(listen, cluster.GatewayPort);
        });
    }

    /// <summary>
    /// The configured address, else the first non-loopback IPv4 of an interface that is up (in a container: its
    /// address on the compose network), else loopback. Silos must advertise an address the others can reach.
    /// </summary>
    internal static IPAddress AdvertisedAddress(ClusterSettings cluster)
    {
        if (cluster.AdvertisedIp is { Length: > 0 } configured)
        {
            return IPAddress.Parse(configured);
        }

        // Some virtual interfaces (container veth pairs on older kernels) report Unknown rather than Up.
        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.NetworkInterfaceType != NetworkInterfaceType.Loopback
                && n.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown)
            .OrderBy(n => n.OperationalStatus == OperationalStatus.Up ? 0 : 1)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? IPAddress.Loopback;
    }
}
