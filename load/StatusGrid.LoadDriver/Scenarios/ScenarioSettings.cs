using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Scenarios;

/// <summary>Everything one run does. Defaults: 10k EVSEs (1,000 locations × 10), 3 partners, 1,000 changes/s for 30 s.</summary>
public sealed record ScenarioSettings
{
    public required string Name { get; init; }

    public int Locations { get; init; } = 1_000;

    public int EvsesPerLocation { get; init; } = 10;

    public int Partners { get; init; } = 3;

    public IReadOnlyList<PartnerFaults> Faults { get; init; } = [PartnerFaults.None];

    /// <summary>max_concurrency given to each partner at registration.</summary>
    public int PartnerConcurrency { get; init; } = 8;

    /// <summary>delivery_mode per partner ("latest" or "ordered"); the last one applies to the partners after it.</summary>
    public IReadOnlyList<string> DeliveryModes { get; init; } = ["latest"];

    public SendMode Mode { get; init; } = SendMode.Rate;

    /// <summary>Changes per second (Rate mode).</summary>
    public double Rate { get; init; } = 1_000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Changes per ingest request.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>Most ingest requests in flight; a target slower than the rate makes the sender fall behind (reported).</summary>
    public int MaxInFlight { get; init; } = 64;

    /// <summary>Map clients, each watching a random city-sized viewport of the estate (detail tiles).</summary>
    public int HubClients { get; init; }

    /// <summary>Map clients zoomed out over the whole estate: they receive aggregates per coarse tile, not EVSE changes.</summary>
    public int ZoomedOutClients { get; init; }

    /// <summary>Run the map clients in a child process (<c>map-clients</c>), away from the sender and the mock partners.</summary>
    public bool ClientsProcess { get; init; }

    /// <summary>
    /// Run that child process at the lowest CPU priority (<c>nice -n 19</c>): browsers are not on the server's machine,
    /// and on a small one the clients' own CPU otherwise competes with the server and the mock partners, so a pair of
    /// phases measures the clients' process as much as the server's map work.
    /// </summary>
    public bool ClientsNice { get; init; }

    /// <summary>
    /// Unmeasured sending before the measured phase (JIT, tiered compilation, connection pools, grain caches): at the
    /// run's rate for steady runs; at 1,000 changes/s, then a drain, before a burst.
    /// </summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Before warming up, wait up to this long for other processes on the machine to go quiet.</summary>
    public TimeSpan QuietWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long to wait after the last ingest answer for partners and dashboards to receive everything.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Bound on import plus the initial Location PUTs to partners.</summary>
    public TimeSpan SetupTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Locations per import request.</summary>
    public int ImportChunk { get; init; } = 500;

    public bool Pull { get; init; }

    public int PullLimit { get; init; } = 500;

    public int PullPullers { get; init; } = 1;

    /// <summary>
    /// Token the pullers present (base64-encoded, OCPI 2.2). Null: each puller registers through the credentials
    /// handshake and pulls with the token it gets back.
    /// </summary>
    public string? PullToken { get; init; }

    public int EvseCount => Locations * EvsesPerLocation;

    /// <summary>Keeps every run bounded: minutes, not hours; loopback-sized counts.</summary>
    public ScenarioSettings Validate()
    {
        Check(Locations is >= 1 and <= 100_000, "locations: 1..100,000");
        Check(EvsesPerLocation is >= 1 and <= 100, "evses per location: 1..100");
        Check(EvseCount <= 1_000_000, "at most 1,000,000 EVSEs");
        Check(Partners is >= 0 and <= 30, "partners: 0..30");
        Check(Rate is > 0 and <= 200_000, "rate: up to 200,000 changes/s");
        Check(Duration > TimeSpan.Zero && Duration <= TimeSpan.FromMinutes(15), "seconds: up to 900");
        Check(BatchSize is >= 1 and <= 10_000, "batch: 1..10,000 (the server's MaxBatchSize)");
        Check(MaxInFlight is >= 1 and <= 1_024, "in-flight: 1..1,024");
        Check(HubClients is >= 0 and <= 5_000, "clients: 0..5,000");
        Check(ZoomedOutClients is >= 0 and <= 5_000, "zoomed-out-clients: 0..5,000");
        Check(WarmUp >= TimeSpan.Zero && WarmUp <= TimeSpan.FromMinutes(2), "warmup-seconds: up to 120");
        Check(QuietWait >= TimeSpan.Zero && QuietWait <= TimeSpan.FromMinutes(10), "quiet-wait-seconds: up to 600");
        Check(DrainTimeout >= TimeSpan.Zero && DrainTimeout <= TimeSpan.FromMinutes(10), "drain-seconds: up to 600");
        Check(PullLimit is >= 1 and <= 10_000 && PullPullers is >= 1 and <= 100, "pull-limit 1..10,000, pullers 1..100");
        return this;
    }

    private static void Check(bool condition, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException("Out of bounds: " + rule);
        }
    }
}
