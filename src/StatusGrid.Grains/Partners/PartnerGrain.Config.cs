using StatusGrid.Contracts.Partners;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// The grain's configuration: storing it, publishing the directory entry the fan-out routes by, and the work a change
/// of it brings (PUTs for a new, re-enabled or widened partner; a mode switch's reconcile).
/// </summary>
public sealed partial class PartnerGrain
{
    /// <summary>The directory's entry for this partner (written only when it differs).</summary>
    private Task PublishSubscriptionAsync(PartnerConfig config) =>
        GrainFactory.GetGrain<IPartnerDirectoryGrain>(0).Upsert(new PartnerSubscription(PartnerId, config.Filter, Receiving is not null)
        {
            HubId = config.HubId,
            Ordered = config.DeliveryMode == DeliveryMode.Ordered,
        });

    public async Task Configure(PartnerConfig config)
    {
        var previous = state.State.Config;
        var wasReceiving = Receiving is not null;
        var refiltered = previous is not null && previous.Filter != config.Filter ? await ReopenRefilteredAsync(previous.Filter, config.Filter) : [];
        state.State.Config = config with { Id = PartnerId };
        try
        {
            // Not stored: the grain goes on with the stored configuration, not one the admin was told failed.
            await WriteStateOrUndoAsync(() => state.State.Config = previous);
        }
        finally
        {
            // Only now is one filter in force for good (the new one, or the previous one put back): PUTs taken until
            // here are recorded as still owing the reopened documents (FilterEpochs).
            _pipeline.Epochs.InForce(refiltered);
        }

        // Ordered: hand-overs wait from the directory entry's publication until the PUTs below are queued
        // (QueueConfiguredPutsAsync). One arriving in between would queue a PATCH ahead of the PUT that then carries
        // the same state again.
        var holdOffers = IsOrdered && Receiving is not null;
        if (holdOffers)
        {
            await _offers.WaitAsync();
        }

        try
        {
            await ApplyConfigAsync(previous, wasReceiving, config, refiltered);
        }
        finally
        {
            if (holdOffers)
            {
                _offers.Release();
            }
        }

        Pump();
    }

    private async Task ApplyConfigAsync(PartnerConfig? previous, bool wasReceiving, PartnerConfig config, List<string> refiltered)
    {
        var receives = Receiving is not null;
        if (previous is not null && previous.DeliveryMode != config.DeliveryMode)
        {
            // A request of the old mode may still be on the network: the new mode sends nothing until it has ended,
            // or the partner could apply that older state after a newer one the new mode sent.
            await DrainModeSwitchAsync();
        }

        await PublishSubscriptionAsync(config);
        if (receives && IsOrdered && !(wasReceiving && previous?.DeliveryMode == DeliveryMode.Ordered))
        {
            // Newly ordered: a silo whose last directory read predates the entry answers reports without handing them
            // over for at most this long (PartnerHandOff.MayHaveOrderedPartners). The PUTs below, taken after it,
            // carry every state so answered; each later one is handed over before its report is answered.
            await Task.Delay(fanoutOptions.Value.DirectoryTrust, time);
        }

        await RefreshHubStatusAsync();
        if (!receives)
        {
            // Pull-only or disabled: nothing can be sent, so nothing is queued and the ledger is not scanned.
            StopTimers();
            _pipeline.Backlog.DropPending();
            _pipeline.Gate.DropPending();
            return;
        }

        StartReconciling();
        if (previous?.DeliveryMode != config.DeliveryMode && previous is not null)
        {
            // A mode switch: the other mode's pending work is dropped; reconcile re-derives what is owed from the ledger.
            _pipeline.Backlog.DropPending();
            _pipeline.Gate.DropPending();
            if (config.DeliveryMode == DeliveryMode.Latest && _ordered.Count > 0)
            {
                await DeleteQueueAsync();
            }

            _ = ReconcileOnceAsync();
        }

        if (!wasReceiving && (previous is not null || Options.PutAllLocationsOnRegistration))
        {
            // New, or (re-)enabled after missing location edits: everything it may see, then whatever is undelivered.
            await QueueConfiguredPutsAsync(await source.LocationIdsAsync(config.Filter));
            _ = ReconcileOnceAsync();
        }
        else if (wasReceiving && refiltered.Count > 0)
        {
            // A wider filter: the newly visible locations go as PUTs (their EVSEs were never settled for this partner).
            // A narrower one: the locations it no longer sees go as their withdrawal (OcpiPushClient.AsSentTo decides
            // which, when each goes, by the filter then in force).
            await QueueConfiguredPutsAsync(refiltered);
        }
    }

    /// <summary>
    /// The locations whose visibility a filter change alters, made owed again in the ledger before the filter is
    /// stored: a partner that no longer sees a Location it was sent gets its withdrawal, and one that sees a Location
    /// again that it had withdrawn gets it back, even when this activation dies before sending either (reconcile
    /// finds them, <see cref="PartnerWorkSource.ReadUndeliveredLocationsAsync"/>). Without this, a narrowed partner
    /// kept every Location it could no longer see, frozen at its last status: nothing was ever sent for them.
    /// </summary>
    private async Task<List<string>> ReopenRefilteredAsync(PartnerFilter previous, PartnerFilter next)
    {
        List<string> changed = [.. await source.LocationIdsAsync(previous, excluded: next), .. await source.LocationIdsAsync(next, excluded: previous)];
        // Before the rows are reopened: a PUT shaped by the old filter and answered from here on must not close them.
        _pipeline.Epochs.Reopening(changed);
        if (_recording is { } recording)
        {
            // Deliveries settled before the change first: one recorded after the reopening would overwrite it.
            await recording;
        }

        try
        {
            await ledger.ReopenDocumentsAsync(PartnerId, changed);
        }
        catch
        {
            // The filter stays as it was (Configure fails): its PUTs close the rows again, or every one of them would
            // be recorded as still owing and sent again at each reconcile.
            _pipeline.Epochs.InForce(changed);
            throw;
        }

        foreach (var id in changed)
        {
            // Settled by this activation at the version the partner holds: owed again all the same.
            _pipeline.Gate.ForgetDocument(id);
        }

        return changed;
    }

    /// <summary>Holds every send until the requests in flight have ended, at most one request timeout.</summary>
    private async Task DrainModeSwitchAsync()
    {
        var held = _sendAfter;
        var deadline = time.GetUtcNow() + Options.RequestTimeout + TimeSpan.FromSeconds(1);
        _sendAfter = deadline > held ? deadline : held;
        await WaitForRequestsInFlightAsync(deadline);
        _sendAfter = held;
    }

    /// <summary>PUTs a configuration change brings; for an ordered partner <see cref="Configure"/> holds the offer lock.</summary>
    private Task QueueConfiguredPutsAsync(IEnumerable<string> locationIds) =>
        IsOrdered ? QueueOrderedPutsAsync(locationIds) : OfferPutsAsync(locationIds);
}
