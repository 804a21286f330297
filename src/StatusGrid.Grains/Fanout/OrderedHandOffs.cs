using System.Collections.Concurrent;
using System.Collections.Immutable;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using Microsoft.Extensions.Logging;

namespace StatusGrid.Grains.Fanout;

/// <summary>
/// The fan-out's hand-offs to <c>ordered</c> partners, in order per partner. A hand-off that fails (the partner grain's
/// silo died, so the call is refused or times out) is retried in the background until the grain re-activates
/// elsewhere, and later hand-offs for that partner queue behind it instead of overtaking it. Without this a failed
/// hand-off was left to the delivery ledger, which knows only each EVSE's latest state: the states in between were
/// lost for a partner that must get every one. Partner grains ignore a state they already hold (its version), so a
/// retry of a hand-off that did arrive queues nothing twice.
/// </summary>
internal sealed class OrderedHandOffs(TimeProvider time, Func<TimeSpan> retryFor, ILogger logger)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Task> _behind = new(StringComparer.Ordinal);

    /// <summary>Partners whose hand-offs are being retried now.</summary>
    public int Retrying => _behind.Count;

    /// <summary>
    /// Runs <paramref name="steps"/> in order. The fan-out awaits <c>Awaited</c> before its next batch, so a step that
    /// fails has put itself and the steps after it behind the partner's retries by then; <c>Done</c> ends once the
    /// partner grain took every step (faulted if it was given up).
    /// </summary>
    public (Task Awaited, Task Done) SendAsync(string partnerId, IReadOnlyList<Func<Task>> steps)
    {
        if (_behind.TryGetValue(partnerId, out var earlier))
        {
            var retry = RetryAsync(partnerId, earlier, steps);
            Chain(partnerId, retry);
            return (Task.CompletedTask, retry);
        }

        var first = FirstAttemptAsync(partnerId, steps);
        return (first, first.Unwrap());
    }

    /// <summary>A batch for one ordered partner: its Location PUTs first (as for dashboards), then its changes.</summary>
    public (Task Awaited, Task Done) SendAsync(string partnerId, IPartnerGrain partner, ImmutableArray<string> putIds, ImmutableArray<EvseStatusChange> changes)
    {
        List<Func<Task>> steps = [];
        if (!putIds.IsEmpty)
        {
            steps.Add(() => partner.EnqueueLocationPuts(putIds));
        }

        if (!changes.IsEmpty)
        {
            steps.Add(() => partner.EnqueueStatusChanges(changes));
        }

        return steps.Count == 0 ? (Task.CompletedTask, Task.CompletedTask) : SendAsync(partnerId, steps);
    }

    /// <summary>Tells each waiting publisher whether its batch reached every ordered partner.</summary>
    public static async Task SignalAsync(Task handedOff, IReadOnlyList<TaskCompletionSource<bool>> waiting)
    {
        var ok = true;
        try
        {
            await handedOff;
        }
        catch (Exception)
        {
            ok = false; // logged where it failed
        }

        foreach (var publisher in waiting)
        {
            publisher.TrySetResult(ok);
        }
    }

    private async Task<Task> FirstAttemptAsync(string partnerId, IReadOnlyList<Func<Task>> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            try
            {
                await steps[i]();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Hand-off to ordered partner {PartnerId} failed; retrying it in order", partnerId);
                var retry = RetryAsync(partnerId, Task.CompletedTask, [.. steps.Skip(i)]);
                Chain(partnerId, retry);
                return retry;
            }
        }

        return Task.CompletedTask;
    }

    private void Chain(string partnerId, Task retry)
    {
        _behind[partnerId] = retry;
        // Forgotten once done, unless a later hand-off has chained behind it meanwhile.
        _ = retry.ContinueWith(done => _behind.TryRemove(new KeyValuePair<string, Task>(partnerId, done)), TaskScheduler.Default);
    }

    private async Task RetryAsync(string partnerId, Task earlier, IReadOnlyList<Func<Task>> steps)
    {
        try
        {
            await earlier;
        }
        catch (Exception)
        {
            // An earlier hand-off given up: logged there; this one still goes.
        }

        var deadline = time.GetUtcNow() + retryFor();
        foreach (var step in steps)
        {
            var delay = FirstDelay;
            while (true)
            {
                try
                {
                    await step();
                    break;
                }
                catch (Exception ex) when (time.GetUtcNow() < deadline)
                {
                    logger.LogDebug(ex, "Hand-off to ordered partner {PartnerId} failed again", partnerId);
                }
                catch (Exception ex)
                {
                    // Reconcile still queues each EVSE's latest state from the ledger; publishers waiting are told.
                    logger.LogError(ex, "Gave up handing changes to ordered partner {PartnerId}; reconcile queues the latest state of each", partnerId);
                    throw;
                }

                await Task.Delay(delay, time);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }
}

/// <summary>A change whose publisher waits until every ordered partner's grain holds it.</summary>
internal sealed record AwaitedChange(EvseStatusChange Change)
{
    public TaskCompletionSource<bool> Handed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
