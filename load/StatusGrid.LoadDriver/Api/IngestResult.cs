namespace StatusGrid.LoadDriver.Api;

/// <summary>The counts of one ingest answer (StatusGrid's IngestResponse; the baseline answers the same shape).</summary>
internal readonly record struct IngestResult(int Received, int Applied, int Duplicates, int Stale, int Rejected);
