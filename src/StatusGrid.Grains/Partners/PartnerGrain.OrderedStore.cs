using Microsoft.Extensions.Logging;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// The <c>ordered</c> queue's persistence (<see cref="Storage.IPartnerQueueStore"/>): each save writes what changed
/// since the last one, folded while one runs, off the grain's turn (SQLite's writes are synchronous).
/// </summary>
public sealed partial class PartnerGrain
{
    private Task<bool>? _savingQueue;
    private bool _queueDirty;

    /// <summary>This activation, as the owner of the stored queue (see <see cref="Storage.IPartnerQueueStore.WriteAsync"/>).</summary>
    private readonly string _queueOwner = Guid.NewGuid().ToString("N");

    /// <summary>Whether a save of this activation has taken the stored queue over; until then each save claims it.</summary>
    private bool _queueClaimed;

    /// <summary>
    /// Reads the stored queue; a queue an older version kept as the "partnerqueue" grain state is moved into the store.
    /// </summary>
    private async Task RestoreQueueAsync()
    {
        var rows = await Task.Run(() => queueStore.ReadAsync(PartnerId));
        if (OrderedQueueRows.ToState(rows) is { } stored)
        {
            _ordered.Restore(stored);
            _ordered.ForgetChanges();
            if (queueState.RecordExists)
            {
                await ClearLegacyQueueAsync(); // moved before; its clear had failed
            }

            // Taken over before anything is sent: a previous activation still running (its silo declared dead) can no
            // longer write over it. When this save fails, the first later one claims.
            await SaveQueueAsync();
            return;
        }

        if (!queueState.RecordExists)
        {
            return;
        }

        _ordered.Restore(queueState.State);
        _ordered.MarkAllChanged();
        if (await SaveQueueAsync())
        {
            await ClearLegacyQueueAsync();
        }
    }

    private async Task ClearLegacyQueueAsync()
    {
        try
        {
            await queueState.ClearStateAsync();
        }
        catch (Exception ex)
        {
            // Harmless: the store's rows win over it at every activation, which tries again.
            logger.LogWarning(ex, "Could not clear the old form of the ordered queue of partner {PartnerId}", PartnerId);
        }
    }

    /// <summary>Empties the queue, in memory and in the store (the partner is removed, or no longer ordered).</summary>
    private async Task DeleteQueueAsync()
    {
        _ordered.Clear();
        await (_savingQueue ?? Task.CompletedTask); // a save that started before must not land after the delete
        await _writes.WaitAsync();
        try
        {
            _queueClaimed = false; // a later save (the partner ordered again) creates the queue anew
            await Task.Run(() => queueStore.DeleteAsync(PartnerId));
            if (queueState.RecordExists)
            {
                await queueState.ClearStateAsync();
            }
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Writes the queue's changes; calls while a write runs are folded into the next one, which they await.</summary>
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
            // When it fails, the stored queue still says "every head uncertain": the next activation checks them all.
            return await WriteQueueChangesAsync(stopped: true);
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
            stored = await WriteQueueChangesAsync(stopped: false);
        }

        return stored;
    }

    private async Task<bool> WriteQueueChangesAsync(bool stopped)
    {
        var changes = _ordered.TakeChanges(stopped);
        await _writes.WaitAsync();
        try
        {
            var write = OrderedQueueRows.ToWrite(changes, _queueOwner, claim: !_queueClaimed);
            await Task.Run(() => queueStore.WriteAsync(PartnerId, write));
            _queueClaimed = true;
            return true;
        }
        catch (Exception ex)
        {
            // Sending goes on from memory; a hand-off waiting on this write is refused and retried by the fan-out.
            // What it held goes with the next write.
            _ordered.ReturnChanges(changes);
            logger.LogWarning(ex, "Could not save the ordered queue of partner {PartnerId}", PartnerId);
            return false;
        }
        finally
        {
            _writes.Release();
        }
    }
}
