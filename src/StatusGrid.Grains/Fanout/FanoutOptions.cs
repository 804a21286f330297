namespace StatusGrid.Grains.Fanout;

/// <summary>Bound from <c>StatusGrid:Fanout</c>.</summary>
public sealed class FanoutOptions
{
    public const string SectionName = "StatusGrid:Fanout";

    /// <summary>Most changes in one batch to observers and partners.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// How often the list of silo observers is re-read; while it disagrees with membership (a silo joined or left) it is
    /// re-read every 100 ms instead.
    /// </summary>
    public TimeSpan ObserverRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}
