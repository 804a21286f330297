using Microsoft.Extensions.Logging;

namespace StatusGrid.Grains.Partners;

/// <summary>The <c>ordered</c> queue's persistence ("partnerqueue" grain state): writes folded while one runs.</summary>
public sealed partial class PartnerGrain
{
    private Task? _savingQueue;
    private bool _queueDirty;

    /// <summary>Writes the queue; calls while a write runs are folded into the next one, which they await.</summary>
    /// <param name="stopped">The deactivation's last write: nothing is in flight and nothing more is sent.</param>
    private async Task SaveQueueAsync(bool stopped = false)
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
            }
            catch (Exception ex)
            {
                // The stored queue then still says "every head uncertain": the next activation checks them all.
                logger.LogWarning(ex, "Could not save the ordered queue of partner {PartnerId} on deactivation", PartnerId);
            }
            finally
            {
                _writes.Release();
            }

            return;
        }

        await (_savingQueue is { IsCompleted: false } running ? running : _savingQueue = SaveQueueLoopAsync());
    }

    private async Task SaveQueueLoopAsync()
    {
        // The grain's turns do not overlap: once the loop sees nothing dirty it completes in that same turn.
        {
            while (_queueDirty)
            {
                _queueDirty = false;
                queueState.State = _ordered.Snapshot();
                await _writes.WaitAsync();
                try
                {
                    await queueState.WriteStateAsync();
                }
                catch (Exception ex)
                {
                    // Reconcile re-queues the current state of whatever the ledger shows undelivered.
                    logger.LogWarning(ex, "Could not save the ordered queue of partner {PartnerId}", PartnerId);
                }
                finally
                {
                    _writes.Release();
                }
            }
        }
    }
}
