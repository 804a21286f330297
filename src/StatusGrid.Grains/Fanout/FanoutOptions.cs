namespace StatusGrid.Grains.Fanout;

/// <summary>Bound from <c>StatusGrid:Fanout</c>.</summary>
public sealed class FanoutOptions
{
    public const string SectionName = "StatusGrid:Fanout";

    /// <summary>Most changes in one batch to observers and partners.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>How often the list of silo observers is re-read (also re-read on membership change).</summary>
    public TimeSpan ObserverRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}
