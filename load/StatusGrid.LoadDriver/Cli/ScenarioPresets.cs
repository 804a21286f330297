using StatusGrid.LoadDriver.Scenarios;

namespace StatusGrid.LoadDriver.Cli;

/// <summary>The named scenarios of the issue; options on the command line override any field.</summary>
internal static class ScenarioPresets
{
    public static ScenarioSettings For(string name) => name switch
    {
        // (b) steady state at a configurable rate.
        "steady" => new ScenarioSettings { Name = "steady", Mode = SendMode.Rate, Rate = 1_000, Duration = TimeSpan.FromSeconds(30), BatchSize = 50, HubClients = 10 },
        // (a) every EVSE reports at once, as after a backend reconnect.
        "storm" => new ScenarioSettings { Name = "storm", Mode = SendMode.Burst, BatchSize = 500, MaxInFlight = 8 },
        // (c) many dashboards at a moderate change rate: the cost is per client message, not per change.
        "dashboards" => new ScenarioSettings { Name = "dashboards", Mode = SendMode.Rate, Rate = 200, BatchSize = 20, Duration = TimeSpan.FromSeconds(30), HubClients = 1_000 },
        // (c') the map load: 1,000 city viewports + 1,000 zoomed-out clients on a 100k-EVSE estate at 5,000/s.
        "viewports" => new ScenarioSettings
        {
            Name = "viewports", Mode = SendMode.Rate, Rate = 5_000, BatchSize = 100, Duration = TimeSpan.FromSeconds(60),
            Locations = 25_000, EvsesPerLocation = 4, HubClients = 1_000, ZoomedOutClients = 1_000,
        },
        // (d) a partner pulling every Location page by page.
        "pull" => new ScenarioSettings { Name = "pull", Mode = SendMode.None, Partners = 1, Pull = true },
        // 100k EVSEs resident, then a 100k-change burst.
        "memory" => new ScenarioSettings { Name = "memory", Locations = 10_000, Mode = SendMode.Burst, BatchSize = 1_000, MaxInFlight = 8, DrainTimeout = TimeSpan.FromMinutes(3), SetupTimeout = TimeSpan.FromMinutes(15) },
        _ => throw new ArgumentException($"Unknown scenario '{name}' (steady, storm, dashboards, viewports, pull, memory)."),
    };

    public static ScenarioSettings Apply(ScenarioSettings preset, CommandLine line)
    {
        var partners = line.Int("partners", preset.Partners);
        return (preset with
        {
            Name = line.Text("name", preset.Name)!,
            Locations = line.Int("locations", preset.Locations),
            EvsesPerLocation = line.Int("evses-per-location", preset.EvsesPerLocation),
            Partners = partners,
            Faults = FleetArguments.Faults(line, partners),
            PartnerConcurrency = line.Int("partner-concurrency", preset.PartnerConcurrency),
            DeliveryModes = SharedOptions.DeliveryModes(line, preset.DeliveryModes),
            Rate = line.Double("rate", preset.Rate),
            Duration = line.Seconds("seconds", preset.Duration.TotalSeconds),
            BatchSize = line.Int("batch", preset.BatchSize),
            MaxInFlight = line.Int("in-flight", preset.MaxInFlight),
            HubClients = line.Int("clients", preset.HubClients),
            ZoomedOutClients = line.Int("zoomed-out-clients", preset.ZoomedOutClients),
            ClientsProcess = line.Flag("clients-process") || line.Flag("clients-nice") || preset.ClientsProcess,
            ClientsNice = line.Flag("clients-nice"),
            WarmUp = line.Seconds("warmup-seconds", preset.WarmUp.TotalSeconds),
            QuietWait = line.Seconds("quiet-wait-seconds", preset.QuietWait.TotalSeconds),
            DrainTimeout = line.Seconds("drain-seconds", preset.DrainTimeout.TotalSeconds),
            Pull = line.Flag("pull") || preset.Pull,
            PullLimit = line.Int("pull-limit", preset.PullLimit),
            PullPullers = line.Int("pullers", preset.PullPullers),
            PullToken = line.Text("pull-token", preset.PullToken),
        }).Validate();
    }

}
