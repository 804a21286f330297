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

    /// <summary>
    /// Runs <paramref name="steps"/> once every earlier hand-off to this partner is done or given up, so the fan-out
    /// never waits for it: a partner grain that cannot answer (Orleans holds a crashed silo's grains under a directory
    /// lease for about 22 s) holds back only its own hand-offs, in order. The task ends once the partner grain took
    /// every step (faulted if it was given up). Called by the fan-out's single drain, so the chain needs no lock.
    /// </summary>
    public Task SendAsync(string partnerId, IReadOnlyList<Func<Task>> steps)
    {
        var earlier = _behind.TryGetValue(partnerId, out var last) ? last : Task.CompletedTask;
        var run = RunAsync(partnerId, earlier, steps);
        _behind[partnerId] = run;
        // Forgotten once done, unless a later hand-off has chained behind it meanwhile.
        _ = run.ContinueWith(done => _behind.TryRemove(new KeyValuePair<string, Task>(partnerId, done)), TaskScheduler.Default);
        return run;
    }

    /// <summary>A batch for one ordered partner: its Location PUTs first (as for dashboards), then its changes.</summary>
    public Task SendAsync(string partnerId, IPartnerGrain partner, ImmutableArray<string> putIds, ImmutableArray<EvseStatusChange> changes)
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

        return steps.Count == 0 ? Task.CompletedTask : SendAsync(partnerId, steps);
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

    private async Task RunAsync(string partnerId, Task earlier, IReadOnlyList<Func<Task>> steps)
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
                    if (delay == FirstDelay)
                    {
                        logger.LogWarning(ex, "Hand-off to ordered partner {PartnerId} failed; retrying it in order", partnerId);
                    }
                    else
                    {
                        logger.LogDebug(ex, "Hand-off to ordered partner {PartnerId} failed again", partnerId);
                    }
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
