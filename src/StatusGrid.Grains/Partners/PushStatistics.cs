using System.Collections.Immutable;
using StatusGrid.Contracts.Partners;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// What the health view and the metrics show of one partner: successes, failures by kind, last error, latency
/// percentiles, and freshness (changes delivered within the objective, counted from when the partner's pipeline got
/// the change; a change recovered from the ledger after a restart counts from when it was found).
/// </summary>
internal sealed class PushStatistics(TimeSpan objective)
{
    private const int FreshnessWindow = 1024;
    private readonly Dictionary<string, long> _failures = [];
    private readonly LatencyWindow _latency = new();
    private readonly bool[] _recent = new bool[FreshnessWindow];
    private int _recentCount;
    private int _recentNext;
    private int _recentWithin;

    public long Successes { get; private set; }

    public long DeliveredWithin { get; private set; }

    public long DeliveredLate { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? LastErrorAt { get; private set; }

    public TimeSpan Objective => objective;

    public void Success(double elapsedMs)
    {
        Successes++;
        _latency.Add(elapsedMs);
    }

    public void Failure(PushResult result, DateTimeOffset now)
    {
        _failures[result.Kind] = _failures.GetValueOrDefault(result.Kind) + 1;
        LastError = result.Detail ?? result.Kind;
        LastErrorAt = now;
    }

    /// <summary>A change the partner now holds, pending since <paramref name="since"/>.</summary>
    public void Delivered(DateTimeOffset since, DateTimeOffset now)
    {
        var within = now - since <= objective;
        if (within)
        {
            DeliveredWithin++;
        }
        else
        {
            DeliveredLate++;
        }

        if (_recentCount == FreshnessWindow && _recent[_recentNext])
        {
            _recentWithin--;
        }

        _recent[_recentNext] = within;
        _recentWithin += within ? 1 : 0;
        _recentNext = (_recentNext + 1) % FreshnessWindow;
        _recentCount = Math.Min(_recentCount + 1, FreshnessWindow);
    }

    public double? FreshnessShare => _recentCount == 0 ? null : (double)_recentWithin / _recentCount;

    public PartnerHealth Fill(PartnerHealth health, TimeSpan? worstLag, double target) => health with
    {
        Successes = Successes,
        FailuresByKind = _failures.ToImmutableDictionary(),
        LastError = LastError,
        LastErrorAt = LastErrorAt,
        PushLatencyP50Ms = _latency.Percentile(0.50),
        PushLatencyP99Ms = _latency.Percentile(0.99),
        FreshnessObjective = objective,
        DeliveredWithinObjective = DeliveredWithin,
        DeliveredLate = DeliveredLate,
        FreshnessShare = FreshnessShare,
        WorstLag = worstLag,
        FreshnessBreached = worstLag > objective || FreshnessShare < target,
    };
}
