using System.Collections.Concurrent;

namespace StatusGrid.MockEmspFleet;

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
    private readonly ConcurrentQueue<float> _samples = new();
    private readonly int _maxSamples;
    private int _keptSamples;

    public ArrivalRecorder(int partners, int maxKeptSamples)
    {
        _patches = new long[partners];
        _puts = new long[partners];
        _other = new long[partners];
        _injectedErrors = new long[partners];
        _latency = [.. Enumerable.Range(0, partners).Select(_ => new LatencyHistogram())];
        _maxSamples = maxKeptSamples;
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

    /// <summary>Up to the configured number of latency samples in ms, oldest first (for k6 thresholds).</summary>
    public IReadOnlyList<float> Samples(int max) => [.. _samples.Take(max)];

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

        _samples.Clear();
        Interlocked.Exchange(ref _keptSamples, 0);
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
        if (Interlocked.Increment(ref _keptSamples) <= _maxSamples)
        {
            _samples.Enqueue(milliseconds);
        }
    }
}
