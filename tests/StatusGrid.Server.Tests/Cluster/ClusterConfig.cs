namespace StatusGrid.Server.Tests.Cluster;

/// <summary>Settings that make a StatusGrid host a member of a PostgreSQL-backed cluster, as in production.</summary>
public static class ClusterConfig
{
    /// <summary>
    /// Provider PostgreSql, ADO.NET clustering, one ServiceId/ClusterId, loopback as the advertised address. Membership
    /// is tuned so a killed silo is declared dead in a few seconds instead of Orleans' production defaults. Random
    /// placement spreads grains over all silos; resource-optimized placement, with every silo on this one machine,
    /// tends to put all of them on one silo, and a failover test needs grains on the silo it kills.
    /// </summary>
    public static Dictionary<string, string> For(string connectionString, string clusterId, string siloName) => new()
    {
        // The same keys as StatusGridHost's, for silos started as separate processes.
        ["StatusGrid:Auth:AdminApiKey"] = StatusGridHost.AdminKey,
        ["StatusGrid:Auth:IngestApiKey"] = StatusGridHost.IngestKey,
        ["StatusGrid:Storage:Provider"] = "PostgreSql",
        ["StatusGrid:Storage:ConnectionString"] = connectionString,
        ["StatusGrid:Cluster:Mode"] = "AdoNet",
        ["StatusGrid:Cluster:ServiceId"] = "statusgrid-test",
        ["StatusGrid:Cluster:ClusterId"] = clusterId,
        ["StatusGrid:Cluster:AdvertisedIp"] = "127.0.0.1",
        ["StatusGrid:Cluster:SiloName"] = siloName,
        ["StatusGrid:Cluster:Placement"] = "Random",
        // Probes every 2 s, two misses to suspect: a killed silo is dead within a few seconds, yet a silo that is only
        // slow (the whole test suite shares two cores) is not voted out by mistake.
        ["StatusGrid:Cluster:Membership:ProbeTimeout"] = "00:00:02",
        ["StatusGrid:Cluster:Membership:NumMissedProbesLimit"] = "2",
        ["StatusGrid:Cluster:Membership:NumVotesForDeathDeclaration"] = "1",
        ["StatusGrid:Cluster:Membership:TableRefreshTimeout"] = "00:00:01",
        // The directory lease that goes with the membership above (README "The directory lease"): a dead silo's partner
        // grains come back once it is declared dead instead of 30 s after it failed.
        ["StatusGrid:Cluster:Directory:RangeLeaseDuration"] = "00:00:05",
        ["StatusGrid:Fanout:ObserverRefreshInterval"] = "00:00:00.500",
    };

    /// <summary>
    /// A front-end (an Orleans client, no grains) of the cluster <see cref="For"/> forms: the same database, ServiceId
    /// and ClusterId. It re-registers its dashboard observer every 2 s, so a killed one is dropped within 12 s. Not
    /// shorter: a front-end process starved for longer than its expiry (the whole suite shares two cores) is dropped
    /// for a moment and its browsers miss what was sent meanwhile, which made a 0.5 s interval flaky.
    /// </summary>
    public static Dictionary<string, string> FrontEnd(string connectionString, string clusterId, string name)
    {
        var settings = For(connectionString, clusterId, name);
        settings.Remove("StatusGrid:Cluster:SiloName");
        settings["StatusGrid:Role"] = "FrontEnd";
        settings["StatusGrid:FrontEnd:Name"] = name;
        settings["StatusGrid:FrontEnd:RegistrationInterval"] = "00:00:02";
        return settings;
    }
}
