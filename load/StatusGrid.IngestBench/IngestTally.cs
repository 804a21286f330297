namespace StatusGrid.IngestBench;

/// <summary>One worker's counts and request latencies inside the measured window (single-threaded per worker).</summary>
internal sealed class IngestTally
{
    public long Applied { get; private set; }

    public long NotApplied { get; private set; }

    public long Requests { get; private set; }

    public long FailedRequests { get; private set; }

    public string? LastError { get; private set; }

    public List<double> LatenciesMs { get; } = [];

    public void Answered(bool measuring, TimeSpan elapsed, int applied, int notApplied)
    {
        if (!measuring)
        {
            return;
        }

        Requests++;
        Applied += applied;
        NotApplied += notApplied;
        LatenciesMs.Add(elapsed.TotalMilliseconds);
    }

    public void Failed(bool measuring, string error)
    {
        LastError = error;
        if (measuring)
        {
            FailedRequests++;
        }
    }
}
