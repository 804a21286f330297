namespace StatusGrid.Grains.Partners;

/// <summary>
/// Backoff and circuit breaker of one partner. A partner is paused only when it is in trouble: when it asks for a
/// pause (Retry-After, honoured within a bound), or when at least half of its recent answers (<see cref="Window"/>), and
/// at least <see cref="MinimumFailures"/>, were transient failures; the pause doubles with each pause in a row, jittered. An isolated failure among
/// successes (a flaky partner) pauses nothing: that EVSE simply goes back into the backlog, behind the others, so the
/// partner's healthy 80 % keeps flowing (pausing on every failure left a partner failing one push in five behind for
/// ever). After <see cref="PushOptions.BreakerThreshold"/> failures in a row while nearly all of at least
/// <see cref="MinimumAnswersToBreak"/> recent answers fail (4 in 5), the circuit opens
/// for <see cref="PushOptions.BreakDuration"/>, then lets one probe through (half-open) whose answer closes or re-opens
/// it. Why not Polly: a failed push is not retried as the same call; it goes back into the backlog, where a newer state
/// may replace it, and what is needed is "may this partner be sent to now, and how much", which gates a queue rather
/// than wrapping one call.
/// </summary>
internal sealed class PushThrottle(PushOptions options, Func<double>? random = null)
{
    /// <summary>How many recent answers judge whether the partner is in trouble.</summary>
    public const int Window = 50;

    /// <summary>Fewer failures than this never pause a partner that did not ask for it (a fresh partner's first miss).</summary>
    public const int MinimumFailures = 3;

    /// <summary>
    /// Fewer recent answers than this never open the circuit: five failures of five first answers is chance for a
    /// partner failing one push in five (1 in ~3,000 activations), twenty of them failing 4 in 5 is not (~1 in 10^8).
    /// </summary>
    public const int MinimumAnswersToBreak = 20;

    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;
    private readonly bool[] _recent = new bool[Window];
    private int _recentCount;
    private int _recentNext;
    private int _recentFailures;
    private int _pausesInRow;

    public CircuitState State { get; private set; } = CircuitState.Closed;

    public DateTimeOffset PausedUntil { get; private set; }

    public int ConsecutiveFailures { get; private set; }

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
        Remember(failed: false);
        ConsecutiveFailures = 0;
        _pausesInRow = 0;
        State = CircuitState.Closed;
    }

    /// <returns>True when this failure opened the circuit.</returns>
    public bool Failed(DateTimeOffset now, TimeSpan? retryAfter)
    {
        Remember(failed: true);
        ConsecutiveFailures++;
        var struggling = _recentFailures >= MinimumFailures && _recentFailures * 2 >= _recentCount;
        if (retryAfter is null && !struggling && State != CircuitState.HalfOpen)
        {
            // A flaky partner, not a failing one: the EVSE goes back into the backlog, the rest keeps flowing.
            return false;
        }

        var exponent = Math.Min(_pausesInRow++, 16);
        var backoff = TimeSpan.FromTicks(Math.Min(options.BackoffMax.Ticks, options.BackoffBase.Ticks * (1L << exponent)));
        backoff = TimeSpan.FromTicks((long)(backoff.Ticks * (0.5 + (_random() * 0.5))));
        if (retryAfter is { } after && after > backoff)
        {
            // A partner may ask for a pause; a huge or hostile value is capped.
            var cap = options.BackoffMax * 5;
            backoff = after > cap ? cap : after;
        }

        var opened = false;
        var failing = _recentCount >= MinimumAnswersToBreak && _recentFailures * 5 >= _recentCount * 4;
        if (State == CircuitState.HalfOpen || (failing && ConsecutiveFailures >= options.BreakerThreshold))
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

    private void Remember(bool failed)
    {
        if (_recentCount == Window)
        {
            _recentFailures -= _recent[_recentNext] ? 1 : 0;
        }
        else
        {
            _recentCount++;
        }

        _recent[_recentNext] = failed;
        _recentFailures += failed ? 1 : 0;
        _recentNext = (_recentNext + 1) % Window;
    }
}
