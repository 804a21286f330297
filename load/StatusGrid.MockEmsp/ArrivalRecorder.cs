namespace StatusGrid.MockEmsp;

/// <summary>
/// Counts pushes per partner and keeps the wall-clock latency (arrival − last_updated) of accepted PATCHes, which is
/// the end-to-end latency when the sender wrote its send time into observed_at. Lock-free on the request path.
/// </summary>
public sealed class ArrivalRecorder
{
    private readonly long[] _patches;
    private readonly long[] _puts;
    private readonly long[] _other;
    private readonly long[] _injectedErrors;
    private readonly LatencyHistogram[] _latency;
    // A uniform sample of the whole run (reservoir sampling), not its first N: a long run's samples must describe
    // all of it. The full-run percentiles are the histograms' (GET /fleet/report).
    private readonly float[] _reservoir;
    private readonly Random _dice = new(7);
    private readonly Lock _reservoirGate = new();
    private long _seenSamples;

    public ArrivalRecorder(int partners, int maxKeptSamples)
    {
        _patches = new long[partners];
        _puts = new long[partners];
        _other = new long[partners];
        _injectedErrors = new long[partners];
        _latency = [.. Enumerable.Range(0, partners).Select(_ => new LatencyHistogram())];
        _reservoir = new float[maxKeptSamples];
    }

    /// <summary>Called for every accepted push (on Kestrel's threads: keep it cheap).</summary>
    public Action<Arrival>? Listener { get; set; }

    public int Partners => _patches.Length;

    public void RecordAccepted(in Arrival arrival)
    {
        switch (arrival.Kind)
        {
            case PushKind.EvsePatch:
                Interlocked.Increment(ref _patches[arrival.Partner]);
                if (arrival.LastUpdatedUnixMs is { } sentMs)
                {
                    var micros = arrival.ArrivedUnixMicros - (sentMs * 1000);
                    _latency[arrival.Partner].RecordMicros(micros);
                    KeepSample(micros / 1000f);
                }

                break;
            case PushKind.LocationPut:
                Interlocked.Increment(ref _puts[arrival.Partner]);
                break;
            default:
                Interlocked.Increment(ref _other[arrival.Partner]);
                break;
        }

        Listener?.Invoke(arrival);
    }

    public void RecordInjectedError(int partner) => Interlocked.Increment(ref _injectedErrors[partner]);

    /// <summary>Up to <paramref name="max"/> latency samples in ms, drawn uniformly from the whole run.</summary>
    public IReadOnlyList<float> Samples(int max)
    {
        lock (_reservoirGate)
        {
            var kept = (int)Math.Min(_seenSamples, _reservoir.Length);
            return [.. _reservoir.Take(Math.Min(kept, max))];
        }
    }

    public void Reset()
    {
        for (var i = 0; i < Partners; i++)
        {
            Interlocked.Exchange(ref _patches[i], 0);
            Interlocked.Exchange(ref _puts[i], 0);
            Interlocked.Exchange(ref _other[i], 0);
            Interlocked.Exchange(ref _injectedErrors[i], 0);
            _latency[i].Reset();
        }

        lock (_reservoirGate)
        {
            _seenSamples = 0;
        }
    }

    public FleetReport Report(IReadOnlyList<(int Port, string LocationsUrl)> endpoints)
    {
        var all = new LatencyHistogram();
        var partners = new List<PartnerReport>(Partners);
        for (var i = 0; i < Partners; i++)
        {
            all.Add(_latency[i]);
            partners.Add(new PartnerReport(i, endpoints[i].Port, endpoints[i].LocationsUrl,
                Interlocked.Read(ref _patches[i]), Interlocked.Read(ref _puts[i]), Interlocked.Read(ref _other[i]),
                Interlocked.Read(ref _injectedErrors[i]), _latency[i].Summarize()));
        }

        return new FleetReport(partners, partners.Sum(p => p.Patches), partners.Sum(p => p.Puts), partners.Sum(p => p.InjectedErrors), all.Summarize());
    }

    private void KeepSample(float milliseconds)
    {
        if (_reservoir.Length == 0)
        {
            return;
        }

        lock (_reservoirGate)
        {
            var seen = ++_seenSamples;
            var slot = seen <= _reservoir.Length ? seen - 1 : _dice.NextInt64(seen);
            if (slot < _reservoir.Length)
            {
                _reservoir[slot] = milliseconds;
            }
        }
    }
}
