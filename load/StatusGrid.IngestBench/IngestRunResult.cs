namespace StatusGrid.IngestBench;

/// <summary>One measured run: N connections posting batches of B changes.</summary>
internal sealed record IngestRunResult(
    int Connections,
    int BatchSize,
    double ChangesPerSecond,
    double RequestsPerSecond,
    double P50Ms,
    double P99Ms,
    long NotApplied,
    long FailedRequests,
    string? LastError,
    double AverageCommitBatch,
    double MachineBusy,
    double ServerCores,
    double PostgresCores,
    double BenchCores,
    string LoadAverage);
