using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Scenarios;

/// <param name="Expected">Applied changes × connected clients: what every dashboard would get if nothing were merged or lost.</param>
public sealed record HubSummary(int Clients, int Connected, int Failed, long Items, long Expected, long Uncorrelated, LatencySummary LatencyMs);
