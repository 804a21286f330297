using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Orleans.Configuration;
using StatusGrid.Grains;
using StatusGrid.Grains.Hosting;
using StatusGrid.Server.Dashboard;
using StatusGrid.Storage;

namespace StatusGrid.Server.Hosting;

public static class OrleansHosting
{
    /// <summary>The co-hosted silo: clustering, ADO.NET grain storage on the configured database, our services.</summary>
    public static WebApplicationBuilder AddStatusGridOrleans(this WebApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        var storage = StorageHosting.ReadOptions(builder.Configuration);

        builder.UseOrleans(silo =>
        {
            if (cluster.Mode == ClusterMode.Localhost)
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            }
            else
            {
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ServiceId = cluster.ServiceId;
                    o.ClusterId = cluster.ClusterId;
                });
                silo.ConfigureEndpoints(AdvertisedAddress(cluster), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = storage.AdoNetInvariant;
                    o.ConnectionString = storage.ConnectionString;
                });
            }

            silo.AddAdoNetGrainStorage(StorageNames.Grains, o =>
            {
                o.Invariant = storage.AdoNetInvariant;
                o.ConnectionString = storage.ConnectionString;
            });
            silo.UseSystemTextJsonGrainStorageSerializer();
            silo.Services.AddStatusGridSilo(builder.Configuration);
            silo.Services.AddSingleton<StatusGrid.Grains.Dashboard.IDashboardSink, SignalRDashboardSink>();
        });
        return builder;
    }

    private static IPAddress AdvertisedAddress(ClusterSettings cluster)
    {
        if (cluster.AdvertisedIp is { Length: > 0 } configured)
        {
            return IPAddress.Parse(configured);
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? IPAddress.Loopback;
    }
}
