namespace StatusGrid.Grains.Evses;

/// <summary>Bound from <c>StatusGrid:Evses</c>.</summary>
public sealed class EvseOptions
{
    public const string SectionName = "StatusGrid:Evses";

    /// <summary>
    /// How long an EVSE grain stays in memory without a call before Orleans deactivates it (its activation costs about
    /// 2.8 KB beyond the estate's own data, load/RESULTS.md): an estate whose chargers report now and then does not
    /// keep every grain resident. A report to a deactivated EVSE activates it again (two reads). At least 2 minutes
    /// (Orleans collects once a minute). Location grains follow the same age; Orleans' own default for other grains is
    /// unchanged.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// After at least this many EVSE grains were collected as idle, the silo runs one compacting full collection that
    /// gives the freed memory back to the machine (<see cref="MemoryTrimmer"/>). 0: never.
    /// </summary>
    public int TrimAfterCollected { get; set; } = 10_000;
}
