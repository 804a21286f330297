namespace StatusGrid.Grains.Partners;

/// <summary>
/// Backoff and circuit breaker of one partner. Transient failures pause the whole partner (exponential, jittered,
/// at least the partner's Retry-After within a bound); after <see cref="PushOptions.BreakerThreshold"/> in a row the
/// circuit opens for <see cref="PushOptions.BreakDuration"/>, then lets one probe through (half-open) whose answer
/// closes or re-opens it. Why not Polly: a failed push is not retried as the same call; it goes back into the backlog,
/// where a newer state may replace it, and what is needed is "may this partner be sent to now, and how much", which
/// gates a queue rather than wrapping one call.
/// </summary>
internal sealed class PushThrottle(PushOptions options, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;
    private int _consecutiveFailures;

    public CircuitState State { get; private set; } = CircuitState.Closed;

    public DateTimeOffset PausedUntil { get; private set; }

    /// <summary>Requests that may be in flight now: 0 while paused, 1 while probing, else <paramref name="configured"/>.</summary>
    public int Allowance(DateTimeOffset now, int configured)
    {
        if (now < PausedUntil)
        {
            return 0;
        }

        if (State == CircuitState.Open)
        {
            State = CircuitState.HalfOpen;
        }

        return State == CircuitState.HalfOpen ? 1 : Math.Max(1, configured);
    }

    public void Succeeded()
    {
        _consecutiveFailures = 0;
        State = CircuitState.Closed;
    }

    /// <returns>True when this failure opened the circuit.</returns>
    public bool Failed(DateTimeOffset now, TimeSpan? retryAfter)
    {
        _consecutiveFailures++;
        var exponent = Math.Min(_consecutiveFailures - 1, 16);
        var backoff = TimeSpan.FromTicks(Math.Min(options.BackoffMax.Ticks, options.BackoffBase.Ticks * (1L << exponent)));
        backoff = TimeSpan.FromTicks((long)(backoff.Ticks * (0.5 + (_random() * 0.5))));
        if (retryAfter is { } after && after > backoff)
        {
            // A partner may ask for a pause; a huge or hostile value is capped.
            var cap = options.BackoffMax * 5;
            backoff = after > cap ? cap : after;
        }

        var opened = false;
        if (State == CircuitState.HalfOpen || _consecutiveFailures >= options.BreakerThreshold)
        {
            opened = State != CircuitState.Open;
            State = CircuitState.Open;
            if (backoff < options.BreakDuration)
            {
                backoff = options.BreakDuration;
            }
        }

        if (now + backoff > PausedUntil)
        {
            PausedUntil = now + backoff;
        }

        return opened;
    }

    public int ConsecutiveFailures => _consecutiveFailures;
}
