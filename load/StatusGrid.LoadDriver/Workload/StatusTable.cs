namespace StatusGrid.LoadDriver.Workload;

/// <summary>
/// What the driver believes each EVSE holds, so every change it sends is a real change (never a duplicate) with an
/// observed_at strictly after the previous one (never stale). Starts from the target's snapshot when there is one.
/// </summary>
internal sealed class StatusTable
{
    public const string Available = "AVAILABLE";
    public const string Charging = "CHARGING";

    private readonly bool[] _charging;
    private readonly long[] _lastObservedMs;

    public StatusTable(int evses)
    {
        _charging = new bool[evses];
        _lastObservedMs = new long[evses];
    }

    public int Count => _charging.Length;

    public void Set(int evse, string status, long observedMs)
    {
        _charging[evse] = status == Charging;
        _lastObservedMs[evse] = observedMs;
    }

    /// <summary>
    /// Flips the EVSE between AVAILABLE and CHARGING and returns the new status with an observed_at of
    /// <paramref name="nowMs"/>, or 1 ms after the last one if the clock has not moved past it.
    /// Not thread-safe per EVSE: callers own disjoint EVSEs or a single sender thread.
    /// </summary>
    public (string Status, long ObservedMs) Next(int evse, long nowMs)
    {
        var charging = !_charging[evse];
        _charging[evse] = charging;
        var observed = Math.Max(nowMs, _lastObservedMs[evse] + 1);
        _lastObservedMs[evse] = observed;
        return (charging ? Charging : Available, observed);
    }
}
