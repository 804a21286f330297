using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Scenarios;

/// <param name="Expected">
/// What the map clients are owed if nothing is coalesced or lost: each measured change the server accepted, once for every
/// connected client whose detail tiles hold its location (the baseline sends every client everything: applied × clients).
/// </param>
public sealed record HubSummary(int Clients, int Connected, int Failed, long Items, long Expected, long Uncorrelated, LatencySummary LatencyMs);
