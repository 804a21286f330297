namespace StatusGrid.Contracts.Evses;

/// <summary>
/// One EVSE, keyed by <see cref="EvseKey.Evse"/>. Single writer of its status: duplicates are no-ops, older reports
/// are ignored, and an accepted change is durable before the call returns.
/// </summary>
public interface IEvseGrain : IGrainWithStringKey
{
    Task<StatusReportOutcome> ReportStatus(StatusReport report);

    /// <summary>Creates or refreshes the EVSE from its Location document. Returns the status now held.</summary>
    Task<EvseSnapshot> Define(EvseDefinition definition);

    Task<EvseSnapshot?> GetSnapshot();
}
