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

    /// <summary>
    /// How long a hand-off to an <c>ordered</c> partner that failed (its silo died) is retried, in order, before its
    /// states are left to reconcile (which queues only each EVSE's latest). Longer than the cluster needs to declare a
    /// silo dead.
    /// </summary>
    public TimeSpan OrderedHandOffRetry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a directory read that found no <c>ordered</c> partner lets this silo answer reports without waiting for
    /// partner hand-offs; registering an ordered partner waits this long before its Location PUTs are taken, so a
    /// report answered after the registration returned always reaches it.
    /// </summary>
    public TimeSpan DirectoryTrust { get; set; } = TimeSpan.FromSeconds(1);
}
