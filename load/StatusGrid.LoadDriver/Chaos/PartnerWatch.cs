using StatusGrid.LoadDriver.Workload;
using StatusGrid.MockEmsp;

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

    /// <summary>When set, told every PATCH accepted (the ordered partners' check).</summary>
    public OrderedHistory? History { get; set; }

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

    /// <summary>Per partner: how many EVSEs differ, and one example (expected vs held last_updated, Unix ms).</summary>
    public string Describe(Func<int, long?> expectedMs) => string.Join("; ", _held.Select((held, p) =>
    {
        var wrong = Enumerable.Range(0, held.Length).Where(e => expectedMs(e) is { } x && Volatile.Read(ref held[e]) != x).ToList();
        return wrong.Count == 0
            ? $"partner {p + 1}: converged"
            : $"partner {p + 1}: {wrong.Count} behind, e.g. {_catalog.EvseUid(wrong[0])} expected {expectedMs(wrong[0])} holds {Volatile.Read(ref held[wrong[0]])}";
    }));

    private void OnArrival(Arrival arrival)
    {
        if (arrival.Kind != PushKind.EvsePatch || arrival.LastUpdatedUnixMs is not { } ms || !_catalog.TryIndexOf(arrival.EvseUid, out var evse))
        {
            return;
        }

        History?.Accepted(arrival.Partner, evse, ms);
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
