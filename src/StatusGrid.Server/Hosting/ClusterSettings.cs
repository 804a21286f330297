namespace StatusGrid.Server.Hosting;

/// <summary>Bound from <c>StatusGrid:Cluster</c>.</summary>
public sealed class ClusterSettings
{
    public const string SectionName = "StatusGrid:Cluster";

    /// <summary>
    /// Orleans' own membership timing (<c>ClusterMembershipOptions</c>: ProbeTimeout, NumMissedProbesLimit,
    /// IAmAliveTablePublishTimeout, ...), bound as-is from <c>StatusGrid:Cluster:Membership</c>. The Orleans defaults
    /// declare a crashed silo dead in roughly 10–30 s; tests lower them to a few seconds.
    /// </summary>
    public const string MembershipSectionName = SectionName + ":Membership";

    /// <summary>
    /// Orleans' grain directory options (<c>GrainDirectoryOptions</c>), bound as-is from
    /// <c>StatusGrid:Cluster:Directory</c>. The one that matters here is <c>RangeLeaseDuration</c>: after a silo is
    /// declared dead, the strongly consistent directory (partner grains, SingleActivation) keeps its grains from
    /// activating elsewhere for that lease less the time failure detection may take, so that a silo declared dead while
    /// it still runs has stopped first. With the membership timing README recommends, Orleans' 30 s lease left ingest
    /// waiting 15–19 s per kill for an <c>ordered</c> partner's grain (README "Failures and membership timing").
    /// </summary>
    public const string DirectorySectionName = SectionName + ":Directory";

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

    /// <summary>
    /// The address the silo and gateway listen on (AdoNet mode); default: <see cref="AdvertisedIp"/>. Set 0.0.0.0 only
    /// behind a firewall that lets nothing but the other silos reach the silo and gateway ports.
    /// </summary>
    public string? ListenIp { get; set; }

    /// <summary>How new activations are spread over the silos.</summary>
    public GrainPlacement Placement { get; set; } = GrainPlacement.ResourceOptimized;

    /// <summary>Optional mutual TLS between silos and on the gateway (<c>StatusGrid:Cluster:Tls</c>); off when no certificate is set.</summary>
    public ClusterTlsSettings Tls { get; set; } = new();

    /// <summary>Name shown in the membership table and logs; default: Orleans picks one. Set it per silo in a deployment.</summary>
    public string? SiloName { get; set; }
}
