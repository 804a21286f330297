using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Scenarios;

/// <param name="Delivered">Distinct changes this partner received (each sent state counted once).</param>
/// <param name="Repeats">PATCHes of a state it had already received (retries, reconcile).</param>
/// <param name="Coalesced">Changes the server replaced by a newer one before sending (from the partner's health; 0 for the baseline).</param>
/// <param name="Failures">Failed pushes as the server counts them.</param>
public sealed record PartnerDelivery(string Id, long Delivered, long Repeats, long Coalesced, long Failures, long InjectedErrors, LatencySummary LatencyMs);
