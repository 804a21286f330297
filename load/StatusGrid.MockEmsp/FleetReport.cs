namespace StatusGrid.MockEmsp;

/// <summary>What <c>GET /fleet/report</c> answers: per partner and over all partners.</summary>
public sealed record FleetReport(IReadOnlyList<PartnerReport> Partners, long Patches, long Puts, long InjectedErrors, LatencySummary LatencyMs);
