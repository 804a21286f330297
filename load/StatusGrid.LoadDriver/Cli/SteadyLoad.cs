using StatusGrid.LoadDriver.Workload;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Cli;

/// <summary>Steady ingest (changes/s, changes per request, concurrent senders) from a cluster of N silos to an estate with partners.</summary>
internal sealed record SteadyLoad(
    EvseCatalog Catalog,
    int Partners,
    IReadOnlyList<PartnerFaults> Faults,
    double Rate,
    int Batch,
    int Senders,
    int Silos,
    IReadOnlyList<string> ServerSettings,
    IReadOnlyList<string> DeliveryModes);
