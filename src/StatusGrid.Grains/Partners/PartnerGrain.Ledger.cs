using Microsoft.Extensions.Logging;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// The grain and its delivery ledger: checking EVSEs a new activation is about to push, recording settled versions,
/// and reconcile (the backlog re-derived from what the ledger shows undelivered).
/// </summary>
public sealed partial class PartnerGrain
{
    /// <summary>
    /// Reads, for EVSEs this activation has not pushed yet, what earlier activations delivered and what is current,
    /// so a late older state is never sent after a newer one (delivered but perhaps not yet recorded when a silo died).
    /// </summary>
    private async Task VerifyAsync()
    {
        await Task.Yield();
        var pending = _pipeline.Backlog.TakeUnverified(Options.ReconcileBatch);
        try
        {
            var verified = await source.VerifyAsync(PartnerId, pending);
            for (var i = 0; i < verified.Count; i++)
            {
                var (key, delivered, current) = verified[i];
                _pipeline.Backlog.Verified(key, delivered, current);
                if ((i + 1) % YieldEvery == 0)
                {
                    await Task.Yield(); // as in ReconcileAsync: a long list in slices
                }
            }
        }
        catch (Exception ex)
        {
            _pipeline.Backlog.Unverified(pending.Select(p => BacklogKey.Of(p.Change)));
            _verifyAfter = time.GetUtcNow() + VerifyRetryDelay;
            logger.LogWarning(ex, "Partner {PartnerId} could not read {Count} delivered versions", PartnerId, pending.Count);
        }
        finally
        {
            _verifying = null;
            Pump();
        }
    }

    /// <summary>
    /// Settled versions go to the ledger one write at a time per partner, each carrying everything settled meanwhile.
    /// A write per push cost a ledger hand-off and, when it ended, a turn of this activation for every PATCH.
    /// </summary>
    private void RecordSettled(IReadOnlyList<DeliveredVersion> settled)
    {
        _unrecorded.AddRange(settled);
        if (_recording is not { IsCompleted: false })
        {
            _recording = RecordSettledAsync();
        }
    }

    private async Task RecordSettledAsync()
    {
        while (_unrecorded.Count > 0)
        {
            var batch = _unrecorded;
            _unrecorded = [];
            try
            {
                await ledger.RecordDeliveredAsync(PartnerId, batch);
            }
            catch (Exception ex)
            {
                // Harmless: the next reconcile sends the current state once more, and receivers treat it idempotently.
                logger.LogWarning(ex, "Could not record {Count} deliveries to {PartnerId}", batch.Count, PartnerId);
            }
        }
    }

    /// <summary>Joins a reconcile already running (timer, activation and recovery calls may overlap: the grain is reentrant).</summary>
    private Task ReconcileOnceAsync() => _reconciling is { IsCompleted: false } running ? running : _reconciling = ReconcileAsync();

    /// <summary>
    /// Re-derives the backlog from the ledger: every EVSE the partner may see whose current version is above what it
    /// got. Catches changes a crashed silo committed but never handed over, and a partner's outage backlog.
    /// </summary>
    private async Task ReconcileAsync()
    {
        await Task.Yield();
        if (Receiving is not { } config)
        {
            return;
        }

        await RefreshHubStatusAsync();
        List<UndeliveredLocation> documents;
        List<EvseStatusChange> undelivered;
        try
        {
            // Documents too: an edit that changed no status (a name, opening times) is answered once stored, and its
            // PUT, handed over in memory only, is otherwise lost with a crash, a restart or a failed hand-off.
            documents = await source.ReadUndeliveredLocationsAsync(PartnerId, config.Filter, Options.ReconcileBatch);
            undelivered = await source.ReadUndeliveredAsync(PartnerId, config.Filter, Options.ReconcileBatch);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reconcile of partner {PartnerId} could not read the ledger", PartnerId);
            return;
        }

        // Reopened by a filter change before this activation (-v): their PUT is stamped when sent, as in Configure's.
        _pipeline.Epochs.Owed(documents.Where(l => l.DeliveredVersion < 0).Select(l => l.Id));
        if (IsOrdered)
        {
            // Only states never handed over (e.g. lost with a crashed silo) are missing: their current state is queued.
            // Only what two reconciles in a row found undelivered at the same version is queued (as recovered): a state
            // read while the fan-out is still handing over the ones before it would otherwise overtake them.
            var confirmed = undelivered.Where(c => _suspects.GetValueOrDefault(EvseKey.Evse(c.LocationId, c.EvseUid)) == c.Version).ToList();
            _suspects = undelivered.ToDictionary(c => EvseKey.Evse(c.LocationId, c.EvseUid), c => c.Version);
            // PUTs likewise (one queued now carries the store's states, ahead of older ones still being handed over),
            // and not while an unsent PUT of the location is queued: it reads the newest document when it goes.
            var owed = documents.Where(l => _documentSuspects.GetValueOrDefault(l.Id) == l.DocumentVersion && !_ordered.HasUnsentPut(l.Id)).Select(l => l.Id).ToList();
            _documentSuspects = documents.ToDictionary(l => l.Id, l => l.DocumentVersion, StringComparer.OrdinalIgnoreCase);
            if (owed.Count > 0)
            {
                await OfferOrderedPutsAsync(owed);
            }

            await OfferOrderedAsync(confirmed, recovered: true);
            Pump();
            return;
        }

        // Before the EVSE states: the PUTs park their PATCHes and carry their states. Offered as changed: a refusal
        // of the location reloaded at activation was of an older document, and this edit may be what fixed it.
        OfferPuts(documents.Where(l => _pipeline.Gate.OwesDocument(l.Id, l.DocumentVersion)).Select(l => l.Id));
        var now = time.GetUtcNow();
        for (var i = 0; i < undelivered.Count; i++)
        {
            _pipeline.Offer(undelivered[i], now);
            if ((i + 1) % YieldEvery == 0)
            {
                // Up to ReconcileBatch (100k) offers: in slices, so pushes' answers and admin reads get turns between.
                Pump();
                await Task.Yield();
            }
        }

        Pump();
    }
}
