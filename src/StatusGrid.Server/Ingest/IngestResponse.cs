namespace StatusGrid.Server.Ingest;

/// <summary>
/// Answer to a status batch. Sent only after every applied change is durable. Duplicates and stale reports are
/// accepted but change nothing; rejected items are listed with the reason.
/// </summary>
public sealed record IngestResponse(int Received, int Applied, int Duplicates, int Stale, int Rejected, IReadOnlyList<IngestItemError> Errors);
