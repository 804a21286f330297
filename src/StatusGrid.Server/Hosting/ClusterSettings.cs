namespace StatusGrid.Server.Hosting;

/// <summary>Bound from <c>StatusGrid:Cluster</c>.</summary>
public sealed class ClusterSettings
{
    public const string SectionName = "StatusGrid:Cluster";

    /// <summary>Localhost (one silo, the embedded default) or AdoNet (membership in the database, for several silos).</summary>
    public ClusterMode Mode { get; set; } = ClusterMode.Localhost;

    /// <summary>Scopes grain state and reminders; changing it orphans stored state.</summary>
    public string ServiceId { get; set; } = "statusgrid";

    /// <summary>Scopes membership: silos with the same ClusterId form one cluster.</summary>
    public string ClusterId { get; set; } = "statusgrid";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at (AdoNet mode); default: the first non-loopback IPv4, else loopback.</summary>
    public string? AdvertisedIp { get; set; }
}
