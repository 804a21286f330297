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
}
