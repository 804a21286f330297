namespace StatusGrid.LoadDriver.Chaos;

/// <summary>One ingest request as the client saw it; times in seconds since the run started.</summary>
/// <param name="Rerouted">Connections refused by silos before one took the request (a stopped or dead silo).</param>
internal readonly record struct RequestRecord(double StartS, double EndS, RequestOutcome Outcome, int Rerouted)
{
    public double DurationS => EndS - StartS;
}

internal enum RequestOutcome
{
    /// <summary>200: every item final.</summary>
    Ok,

    /// <summary>503 with the per-item answer: some items to resend.</summary>
    RetryLater,

    /// <summary>Any other status, a timeout, a reset connection, or no silo accepting the connection.</summary>
    Failed,
}
