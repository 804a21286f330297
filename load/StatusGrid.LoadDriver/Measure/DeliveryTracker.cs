using System.Diagnostics;
using StatusGrid.LoadDriver.Workload;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Measure;

/// <summary>
/// Turns arrivals into end-to-end latencies: partner PATCH received − ingest request sent, and dashboard item
/// received − ingest request sent, each from the exact send timestamp of that change. Counts repeats and arrivals
/// that match no sent change (e.g. a reconcile of an earlier run's state).
/// </summary>
internal sealed class DeliveryTracker
{
    private readonly EvseCatalog _catalog;
    private readonly SendRegistry _registry;
    private readonly long[] _unique;
    private readonly long[] _repeats;
    private long _uncorrelated;
    private long _hubItems;
    private long _hubUncorrelated;
    private long _warmUp;
    private long _lastActivity = Stopwatch.GetTimestamp();

    public DeliveryTracker(EvseCatalog catalog, SendRegistry registry, int partners)
    {
        _catalog = catalog;
        _registry = registry;
        _unique = new long[partners];
        _repeats = new long[partners];
        PerPartner = [.. Enumerable.Range(0, partners).Select(_ => new LatencyHistogram())];
    }

    public LatencyHistogram PartnerLatency { get; } = new();

    public IReadOnlyList<LatencyHistogram> PerPartner { get; }

    public LatencyHistogram HubLatency { get; } = new();

    public LatencyTimeline PartnerTimeline { get; } = new();

    public LatencyTimeline HubTimeline { get; } = new();

    /// <summary>Arrivals of warm-up changes: matched, not measured.</summary>
    public long WarmUpArrivals => Interlocked.Read(ref _warmUp);

    public long Uncorrelated => Interlocked.Read(ref _uncorrelated);

    public long HubItems => Interlocked.Read(ref _hubItems);

    public long HubUncorrelated => Interlocked.Read(ref _hubUncorrelated);

    /// <summary>Stopwatch timestamp of the last partner or dashboard arrival (drain detection).</summary>
    public long LastActivity => Interlocked.Read(ref _lastActivity);

    public long UniqueFor(int partner) => Interlocked.Read(ref _unique[partner]);

    public long RepeatsFor(int partner) => Interlocked.Read(ref _repeats[partner]);

    public void OnArrival(Arrival arrival)
    {
        Interlocked.Exchange(ref _lastActivity, arrival.ArrivedTimestamp);
        if (arrival.Kind != PushKind.EvsePatch || arrival.LastUpdatedUnixMs is not { } ms
            || !_catalog.TryIndexOf(arrival.EvseUid, out var evse) || !_registry.TryGet(evse, ms, out var record))
        {
            if (arrival.Kind == PushKind.EvsePatch)
            {
                Interlocked.Increment(ref _uncorrelated);
            }

            return;
        }

        if (!record.Measured)
        {
            Interlocked.Increment(ref _warmUp);
            return;
        }

        var bit = 1 << arrival.Partner;
        if ((Interlocked.Or(ref record.PartnerMask, bit) & bit) != 0)
        {
            Interlocked.Increment(ref _repeats[arrival.Partner]);
            return;
        }

        Interlocked.Increment(ref _unique[arrival.Partner]);
        var sent = Volatile.Read(ref record.SendTimestamp);
        var micros = Micros(sent, arrival.ArrivedTimestamp);
        PartnerLatency.RecordMicros(micros);
        PerPartner[arrival.Partner].RecordMicros(micros);
        PartnerTimeline.Record(sent, micros);
    }

    public void OnHubItem(string? evseUid, string? lastUpdated, long receivedTimestamp)
    {
        Interlocked.Exchange(ref _lastActivity, receivedTimestamp);
        if (!_catalog.TryIndexOf(evseUid, out var evse) || PatchBody.ParseUnixMs(lastUpdated) is not { } ms
            || !_registry.TryGet(evse, ms, out var record))
        {
            Interlocked.Increment(ref _hubItems);
            Interlocked.Increment(ref _hubUncorrelated);
            return;
        }

        if (!record.Measured)
        {
            Interlocked.Increment(ref _warmUp);
            return;
        }

        Interlocked.Increment(ref _hubItems);
        Interlocked.Increment(ref record.HubDeliveries);
        var sent = Volatile.Read(ref record.SendTimestamp);
        var micros = Micros(sent, receivedTimestamp);
        HubLatency.RecordMicros(micros);
        HubTimeline.Record(sent, micros);
    }

    public static long Micros(long fromTimestamp, long toTimestamp) =>
        (long)Stopwatch.GetElapsedTime(fromTimestamp, toTimestamp).TotalMicroseconds;
}
