using StatusGrid.LoadDriver.Workload;
using StatusGrid.MockEmspFleet;

namespace StatusGrid.LoadDriver.Chaos;

/// <summary>
/// What each mock partner holds per EVSE (the last_updated of the newest PATCH it accepted), and every regression: a
/// PATCH older than one the partner already accepted for that EVSE, which the promise forbids whatever fails.
/// </summary>
internal sealed class PartnerWatch
{
    private readonly EvseCatalog _catalog;
    private readonly long[][] _held;
    private long _regressions;
    private string? _firstRegression;

    public PartnerWatch(EmspFleet fleet, EvseCatalog catalog)
    {
        _catalog = catalog;
        _held = [.. fleet.Partners.Select(_ => new long[catalog.Count])];
        fleet.Recorder.Listener = OnArrival;
    }

    public long Regressions => Interlocked.Read(ref _regressions);

    public string? FirstRegression => _firstRegression;

    /// <summary>EVSEs (over all partners) whose partner copy differs from the expected last_updated.</summary>
    public int Behind(Func<int, long?> expectedMs)
    {
        var behind = 0;
        foreach (var held in _held)
        {
            for (var evse = 0; evse < held.Length; evse++)
            {
                if (expectedMs(evse) is { } expected && Volatile.Read(ref held[evse]) != expected)
                {
                    behind++;
                }
            }
        }

        return behind;
    }

    private void OnArrival(Arrival arrival)
    {
        if (arrival.Kind != PushKind.EvsePatch || arrival.LastUpdatedUnixMs is not { } ms || !_catalog.TryIndexOf(arrival.EvseUid, out var evse))
        {
            return;
        }

        ref var held = ref _held[arrival.Partner][evse];
        while (true)
        {
            var current = Volatile.Read(ref held);
            if (ms < current)
            {
                if (Interlocked.Increment(ref _regressions) == 1)
                {
                    _firstRegression = $"partner {arrival.Partner + 1}, {arrival.EvseUid}: PATCH last_updated {ms} after {current}";
                }

                return;
            }

            if (Interlocked.CompareExchange(ref held, ms, current) == current)
            {
                return;
            }
        }
    }
}
