namespace StatusGrid.Grains.Partners;

/// <summary>
/// How <see cref="PartnerRecovery"/> retries a call: until it succeeds or the silo stops, waiting 1 s, 2 s, 4 s, ...
/// up to <see cref="MaxDelay"/> between attempts. It must not give up: the partners it wakes are inactive, so their
/// own periodic reconcile does not run, and a change committed before a crash would otherwise wait for the next
/// change of an EVSE in that partner's filter (for a narrow filter, perhaps never). Calls right after a silo's death
/// may still be routed to it, and the database may be briefly away: both pass.
/// </summary>
internal sealed class RecoveryRetry(TimeProvider time, CancellationToken stop)
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>The call's result, or <c>Done: false</c> if the silo stopped first.</summary>
    /// <param name="failed">Told of each failure with its attempt number (1, 2, ...), for the log.</param>
    public async Task<(bool Done, T? Value)> RunAsync<T>(Func<Task<T>> call, Action<int, Exception> failed)
    {
        for (var attempt = 1; !stop.IsCancellationRequested; attempt++)
        {
            try
            {
                return (true, await call());
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                failed(attempt, ex);
            }

            try
            {
                await Task.Delay(DelayAfter(attempt), time, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return (false, default);
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1, 2, ...): 1 s, 2 s, 4 s, ... at most <see cref="MaxDelay"/>.</summary>
    public static TimeSpan DelayAfter(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, FirstDelay.TotalSeconds * Math.Pow(2, attempt - 1)));
}
