namespace StatusGrid.MockEmsp;

/// <summary>How many partners to run and how each misbehaves.</summary>
public sealed record FleetOptions
{
    public int Partners { get; init; } = 3;

    /// <summary>Address to listen on: loopback for load runs and tests; 0.0.0.0 in a container.</summary>
    public System.Net.IPAddress ListenAddress { get; init; } = System.Net.IPAddress.Loopback;

    /// <summary>
    /// How partners call this mock (its versions and Locations URLs, e.g. "http://mock-emsp:8090" in compose); the
    /// port is replaced per partner. Null: http://127.0.0.1:{port}.
    /// </summary>
    public Uri? PublicBaseUrl { get; init; }

    /// <summary>How many of the latest pushes <c>GET /received</c> shows (0 = none kept, the load driver's setting).</summary>
    public int RecentPushes { get; init; }

    /// <summary>Token A a CPO presents when it registers with this mock (null: registering with the mock is refused).</summary>
    public string? TokenA { get; init; }

    /// <summary>First port; partner i listens on BasePort + i. 0 = ephemeral ports (tests, in-process runs).</summary>
    public int BasePort { get; init; }

    /// <summary>One entry per partner; missing entries reuse the last one (so a single entry applies to all).</summary>
    public IReadOnlyList<PartnerFaults> Faults { get; init; } = [PartnerFaults.None];

    /// <summary>
    /// Keep each partner's copy of what it took and answer GETs of Locations and EVSEs from it (<see cref="ReceiverCopies"/>);
    /// a PATCH of an object it does not hold is then refused as unknown. Off by default: load runs do not pay for it.
    /// </summary>
    public bool KeepCopies { get; init; }

    /// <summary>Seed for the fault dice, so an injected error pattern can be repeated.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Size of the uniform sample of the whole run kept for <c>GET /fleet/latencies</c>.</summary>
    public int MaxKeptSamples { get; init; } = 200_000;

    public string BaseUrl(int port) => PublicBaseUrl is null
        ? $"http://127.0.0.1:{port}"
        : new UriBuilder(PublicBaseUrl) { Port = port }.Uri.GetLeftPart(UriPartial.Authority);

    public PartnerFaults FaultsFor(int partnerIndex) =>
        Faults.Count == 0 ? PartnerFaults.None : Faults[Math.Min(partnerIndex, Faults.Count - 1)];
}
