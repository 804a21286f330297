namespace StatusGrid.MockEmspFleet;

/// <summary>How many partners to run and how each misbehaves.</summary>
public sealed record FleetOptions
{
    public int Partners { get; init; } = 3;

    /// <summary>First port; partner i listens on BasePort + i. 0 = ephemeral ports (tests, in-process runs).</summary>
    public int BasePort { get; init; }

    /// <summary>One entry per partner; missing entries reuse the last one (so a single entry applies to all).</summary>
    public IReadOnlyList<PartnerFaults> Faults { get; init; } = [PartnerFaults.None];

    /// <summary>Seed for the fault dice, so an injected error pattern can be repeated.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Most latency samples kept for <c>GET /fleet/latencies</c> (k6 pulls them into a Trend).</summary>
    public int MaxKeptSamples { get; init; } = 200_000;

    public PartnerFaults FaultsFor(int partnerIndex) =>
        Faults.Count == 0 ? PartnerFaults.None : Faults[Math.Min(partnerIndex, Faults.Count - 1)];
}
