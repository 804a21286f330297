namespace StatusGrid.Server.Ingest;

/// <summary>
/// Answer to a status batch. Sent only after every applied change is durable. Duplicates and stale reports are
/// accepted but change nothing; rejected items are listed with the reason (sending them again does not help).
/// <paramref name="NotAppliedItems"/> are items whose EVSE could not be reached in time (a silo died, or the bound
/// <c>StatusGrid:Ingest:GrainTimeout</c> passed): the answer is then 503 and they should be sent again. Every item in
/// neither list was applied, or was a duplicate or stale report, and is final.
/// </summary>
public sealed record IngestResponse(
    int Received,
    int Applied,
    int Duplicates,
    int Stale,
    int Rejected,
    int NotApplied,
    IReadOnlyList<IngestItemError> Errors,
    IReadOnlyList<IngestItemError> NotAppliedItems);
