using Orleans.Configuration;
using StatusGrid.Grains.Hosting;
using StatusGrid.Storage;

namespace StatusGrid.Server.Hosting;

/// <summary>
/// <c>StatusGrid:Role=FrontEnd</c>: the host is an Orleans client (Microsoft.Orleans.Client) of a silo cluster it
/// finds through the membership table in PostgreSQL, and serves the same routes as a silo. It hosts no grains: every
/// grain call goes through a silo's gateway, and the silos' fan-out sends its dashboard observer batches one-way.
/// </summary>
public static class FrontEndHosting
{
    public static WebApplicationBuilder AddStatusGridFrontEnd(this WebApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        var storage = StorageHosting.ReadOptions(builder.Configuration);
        RefuseWithoutCluster(cluster, storage);
        builder.Services.Configure<ClusterSettings>(builder.Configuration.GetSection(ClusterSettings.SectionName));
        var tls = ClusterTlsHosting.Load(cluster.Tls, TimeProvider.System);
        if (tls is not null)
        {
            builder.Services.AddSingleton(tls);
        }

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = cluster.ServiceId;
                o.ClusterId = cluster.ClusterId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = storage.AdoNetInvariant;
                o.ConnectionString = storage.ConnectionString;
            });
            if (tls is not null)
            {
                client.UseClusterTls(tls);
            }

            // Front-ends and silos may start in any order (compose starts them together): wait for a gateway rather
            // than fail the start. Kestrel starts after the client, so the front-end takes no request until it is connected.
            client.Services.AddSingleton<IClientConnectionRetryFilter, GatewayRetry>();
            client.AddActivityPropagation();
        });

        // After the Orleans client, so its dashboard registration starts once the client is connected and stops first.
        builder.Services.AddStatusGridFrontEnd(builder.Configuration);
        builder.Services.AddSingleton<IClusterView, FrontEndClusterView>();
        return builder;
    }

    /// <summary>
    /// A front-end without a database-clustered silo cluster would have nothing to talk to (the embedded silo is the
    /// default exactly because one process is enough there): refuse at start, naming the settings.
    /// </summary>
    public static void RefuseWithoutCluster(ClusterSettings cluster, StorageOptions storage)
    {
        if (cluster.Mode != ClusterMode.AdoNet || storage.Provider != DatabaseProvider.PostgreSql || string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            throw new InvalidOperationException(
                $"{HostRoles.Key}=FrontEnd serves in front of a silo cluster and needs one to talk to, but "
                + $"{ClusterSettings.SectionName}:Mode is {cluster.Mode} and {StorageOptions.SectionName}:Provider is {storage.Provider}. "
                + $"Set {ClusterSettings.SectionName}:Mode=AdoNet, {StorageOptions.SectionName}:Provider=PostgreSql and the cluster's "
                + $"{StorageOptions.SectionName}:ConnectionString (with the silos' ServiceId and ClusterId), or leave {HostRoles.Key} at Silo.");
        }
    }
}

/// <summary>Retries the first connection to the cluster every 2 s until the host stops, with a warning each time.</summary>
internal sealed class GatewayRetry(ILogger<GatewayRetry> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        logger.LogWarning("No silo gateway reachable yet ({Reason}); retrying in {Pause}", exception.GetBaseException().Message, Pause);
        await Task.Delay(Pause, cancellationToken);
        return true;
    }
}
