using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Scenarios;

/// <param name="Expected">
/// Applied changes × the share of the estate in each connected client's viewport, summed: what the map clients would get
/// if nothing were coalesced or lost (the baseline sends every client everything: applied × clients).
/// </param>
public sealed record HubSummary(int Clients, int Connected, int Failed, long Items, long Expected, long Uncorrelated, LatencySummary LatencyMs);
