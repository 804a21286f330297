namespace StatusGrid.Grains.Partners;

/// <summary>
/// A partner's request rate limit (hubs rate-limit their clients): a token bucket refilled at <c>perSecond</c>, holding
/// at most a fifth of a second's worth (at least one), so requests are spread evenly rather than sent in bursts. The
/// pipeline asks before each request; what cannot go now stays in the backlog, where in <c>latest</c> mode a newer
/// state replaces it (coalescing behind the limit). Hand-written rather than System.Threading.RateLimiting's token
/// bucket: that one reads its own clock, while this one is driven by the grain's TimeProvider, like the rest of the
/// pipeline, so tests can step time.
/// </summary>
internal sealed class RequestRate
{
    /// <summary>The partner grain pumps at least this often while work waits, so the bucket holds this much time's worth.</summary>
    public static readonly TimeSpan Granularity = TimeSpan.FromMilliseconds(200);

    private double _tokens;
    private DateTimeOffset _refilledAt;

    public RequestRate(int perSecond, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        PerSecond = perSecond;
        Burst = Math.Max(1, (int)Math.Ceiling(perSecond * Granularity.TotalSeconds));
        _tokens = Burst;
        _refilledAt = now;
    }

    public int PerSecond { get; }

    /// <summary>The most requests that may start at once after a quiet spell.</summary>
    public int Burst { get; }

    /// <summary>Takes one request's worth if there is one.</summary>
    public bool TryTake(DateTimeOffset now)
    {
        Refill(now);
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }

    public bool Available(DateTimeOffset now)
    {
        Refill(now);
        return _tokens >= 1;
    }

    private void Refill(DateTimeOffset now)
    {
        if (now <= _refilledAt)
        {
            return;
        }

        _tokens = Math.Min(Burst, _tokens + ((now - _refilledAt).TotalSeconds * PerSecond));
        _refilledAt = now;
    }
}
