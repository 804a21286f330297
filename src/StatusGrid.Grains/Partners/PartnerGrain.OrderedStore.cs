using Microsoft.Extensions.Logging;

namespace StatusGrid.Grains.Partners;

/// <summary>The <c>ordered</c> queue's persistence ("partnerqueue" grain state): writes folded while one runs.</summary>
public sealed partial class PartnerGrain
{
    private Task<bool>? _savingQueue;
    private bool _queueDirty;

    /// <summary>Writes the queue; calls while a write runs are folded into the next one, which they await.</summary>
    /// <param name="stopped">The deactivation's last write: nothing is in flight and nothing more is sent.</param>
    /// <returns>
    /// False when the write that covers this call failed (logged): the queue in memory is ahead of the stored one, so a
    /// hand-off must not count as stored (<see cref="EnqueueStatusChanges"/>).
    /// </returns>
    private async Task<bool> SaveQueueAsync(bool stopped = false)
    {
        _queueDirty = true;
        if (stopped)
        {
            // After any running write (it may hold the running form), so this one is the last.
            await (_savingQueue ?? Task.CompletedTask);
            _queueDirty = false;
            await _writes.WaitAsync();
            try
            {
                queueState.State = _ordered.Snapshot(stopped: true);
                await queueState.WriteStateAsync();
                return true;
            }
            catch (Exception ex)
            {
                // The stored queue then still says "every head uncertain": the next activation checks them all.
                logger.LogWarning(ex, "Could not save the ordered queue of partner {PartnerId} on deactivation", PartnerId);
                return false;
            }
            finally
            {
                _writes.Release();
            }
        }

        return await (_savingQueue is { IsCompleted: false } running ? running : _savingQueue = SaveQueueLoopAsync());
    }

    /// <returns>Whether the last write, the one that holds every change made before it started, succeeded.</returns>
    private async Task<bool> SaveQueueLoopAsync()
    {
        // The grain's turns do not overlap: once the loop sees nothing dirty it completes in that same turn.
        var stored = true;
        while (_queueDirty)
        {
            _queueDirty = false;
            queueState.State = _ordered.Snapshot();
            await _writes.WaitAsync();
            try
            {
                await queueState.WriteStateAsync();
                stored = true;
            }
            catch (Exception ex)
            {
                // Sending goes on from memory; a hand-off waiting on this write is refused and retried by the fan-out.
                logger.LogWarning(ex, "Could not save the ordered queue of partner {PartnerId}", PartnerId);
                stored = false;
            }
            finally
            {
                _writes.Release();
            }
        }

        return stored;
    }
}
