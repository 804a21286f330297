namespace StatusGrid.MockEmsp;

/// <param name="Patches">Accepted EVSE PATCHes (answered with success).</param>
/// <param name="Puts">Accepted Location PUTs.</param>
/// <param name="InjectedErrors">Pushes answered with an injected HTTP 503.</param>
/// <param name="LatencyMs">last_updated → arrival (wall clock) of accepted PATCHes.</param>
public sealed record PartnerReport(
    int Index,
    int Port,
    string LocationsUrl,
    long Patches,
    long Puts,
    long Other,
    long InjectedErrors,
    LatencySummary LatencyMs);
