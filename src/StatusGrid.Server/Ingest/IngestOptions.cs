namespace StatusGrid.Server.Ingest;

/// <summary>Bound from <c>StatusGrid:Ingest</c>.</summary>
public sealed class IngestOptions
{
    public const string SectionName = "StatusGrid:Ingest";

    /// <summary>Most status changes in one request; larger batches get 413.</summary>
    public int MaxBatchSize { get; set; } = 10_000;

    /// <summary>
    /// How far in the future an observed_at may lie. A charge point with a wrong clock would otherwise hold its EVSE
    /// hostage: every later, correct report would look older and be ignored.
    /// </summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a request may wait for its EVSEs' grains. Items without an answer by then are reported not applied and
    /// the request gets 503. A healthy batch takes milliseconds (p99 ≈ 0.25 s at 10,000 changes/s here); a grain on a
    /// silo that died, and is not yet voted out, answers only when membership gives up on it (seconds). Keep it above
    /// the slowest healthy batch and below the client's own timeout.
    /// </summary>
    public TimeSpan GrainTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The <c>Retry-After</c> a 503 carries (whole seconds, at least 1).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
