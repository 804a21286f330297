using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Partners;

/// <summary>The grain's I/O: sending requests, reading the ledger, recording settled versions, timers.</summary>
public sealed partial class PartnerGrain
{
    /// <summary>
    /// Runs one HTTP exchange on the thread pool and comes back to this activation with its answer. An activation runs
    /// one turn at a time: building, sending and reading requests on it put every request of a partner on one thread,
    /// whatever <c>max_concurrency</c> allowed (about 2,700 PATCHes/s per partner on the 2-vCPU VM while the machine
    /// still had cores to spare). Only the answer is a turn here. The continuation is always queued, never inlined, so
    /// an answer can never re-enter <see cref="Pump"/>'s loop that started the request.
    /// </summary>
    private static ConfiguredTaskAwaitable<PushResult> OffActivation(Func<Task<PushResult>> send) =>
        Task.Run(() => GuardedAsync(send)).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.ForceYielding);

    /// <summary>A send that throws (it should classify every failure itself) must still end its request: retry it.</summary>
    private static async Task<PushResult> GuardedAsync(Func<Task<PushResult>> send)
    {
        try
        {
            return await send();
        }
        catch (Exception ex)
        {
            return new PushResult(PushOutcome.Retryable, "error", ex.Message);
        }
    }

    private async Task RunPatchAsync(PartnerConfig config, PatchWork work)
    {
        var started = Stopwatch.GetTimestamp();
        var change = work.Pending.Change;
        // A state whose answer was lost goes again only once the partner's copy shows it does not hold it.
        var checking = work.Pending.ChecksLeft > 0;
        PushResult result = default;
        if (checking)
        {
            result = await OffActivation(() => client.CheckEvseStatusAsync(config, change, CancellationToken.None));
            checking = result.Outcome is PushOutcome.Success or PushOutcome.Retryable; // held, or ask again later
            while (!checking && _pipeline.Rate is { } rate && !rate.TryTake(time.GetUtcNow()))
            {
                await Task.Delay(RequestRate.Granularity, time); // the check was a request of its own
            }
        }

        if (!checking)
        {
            result = await OffActivation(() => client.PatchEvseStatusAsync(config, change, CancellationToken.None));
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Finish(_pipeline.CompletePatch(work, result, time.GetUtcNow(), elapsed, checking), result, elapsed, change.LocationId, change.EvseUid);
    }

    private async Task RunPutAsync(PartnerConfig config, PutWork work)
    {
        await Task.Yield();
        var started = Stopwatch.GetTimestamp();
        LocationSnapshot? snapshot = null;
        PushResult result;
        try
        {
            // Read now, with no PATCH of the location in flight: the PUT carries every EVSE's current state.
            snapshot = await GrainFactory.GetGrain<ILocationGrain>(EvseKey.Location(work.Put.LocationId)).Get();
            if (snapshot is null)
            {
                LogMissingLocation(logger, PartnerId, work.Put.LocationId);
                result = new PushResult(PushOutcome.Rejected, "missing_location");
            }
            else
            {
                var location = snapshot.Location;
                result = await OffActivation(() => client.PutLocationAsync(config, location, CancellationToken.None));
            }
        }
        catch (Exception ex)
        {
            snapshot = null;
            result = new PushResult(PushOutcome.Retryable, "error", ex.Message);
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Finish(_pipeline.CompletePut(work, snapshot, result, time.GetUtcNow(), elapsed), result, elapsed, work.Put.LocationId, "");
    }

    private void Finish(PushCompletion completion, PushResult result, double elapsedMs, string locationId, string evseUid)
    {
        if (result.Outcome == PushOutcome.Success)
        {
            PushMetrics.Success(PartnerId, elapsedMs);
        }
        else
        {
            PushMetrics.Failure(PartnerId, result.Kind, elapsedMs);
        }

        if (completion.CircuitOpened)
        {
            LogCircuitOpen(logger, PartnerId, _pipeline.Throttle.ConsecutiveFailures, result.Detail ?? result.Kind);
        }

        if (completion.Settled.Count > 0)
        {
            RecordSettled(completion.Settled);
        }

        if (completion.RejectionsChanged)
        {
            if (result.Outcome is PushOutcome.Rejected or PushOutcome.UnknownObject)
            {
                PushMetrics.Rejected(PartnerId);
                LogRejected(logger, PartnerId, locationId, evseUid, result.Detail);
            }

            _ = SaveRejectionsAsync();
        }

        Pump();
    }

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
            _pipeline.Backlog.Unverified(pending.Select(p => EvseKey.Evse(p.Change.LocationId, p.Change.EvseUid)));
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

    private async Task SaveRejectionsAsync()
    {
        state.State.Rejections = [.. _pipeline.Rejections.Snapshot()];
        try
        {
            await WriteStateAsync();
        }
        catch (Exception ex)
        {
            // Only the admin view's history is at stake: the refused versions are settled in the ledger.
            logger.LogWarning(ex, "Could not save the rejections of partner {PartnerId}", PartnerId);
        }
    }

    /// <summary>One write at a time: the grain is reentrant, and overlapping writes would conflict on the ETag.</summary>
    private async Task WriteStateAsync()
    {
        await _writes.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            _writes.Release();
        }
    }

    private void EnsureTicking() =>
        _pumpTimer ??= this.RegisterGrainTimer(OnTick, new GrainTimerCreationOptions(Tick, Tick) { Interleave = true, KeepAlive = true });

    private Task OnTick(CancellationToken cancellationToken)
    {
        if ((IsOrdered ? _ordered.Count == 0 : _pipeline.IsIdle) || HeldByHub)
        {
            _pumpTimer?.Dispose();
            _pumpTimer = null;
            PushMetrics.Report(Health(time.GetUtcNow()));
            return Task.CompletedTask;
        }

        Pump();
        return Task.CompletedTask;
    }

    private void StartReconciling() =>
        _reconcileTimer ??= this.RegisterGrainTimer(
            _ => ReconcileOnceAsync(),
            new GrainTimerCreationOptions(Options.ReconcileInterval, Options.ReconcileInterval) { Interleave = true, KeepAlive = true });

    private void StopTimers()
    {
        _reconcileTimer?.Dispose();
        _reconcileTimer = null;
        _pumpTimer?.Dispose();
        _pumpTimer = null;
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
        List<EvseStatusChange> undelivered;
        try
        {
            undelivered = await source.ReadUndeliveredAsync(PartnerId, config.Filter, Options.ReconcileBatch);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reconcile of partner {PartnerId} could not read the ledger", PartnerId);
            return;
        }

        if (IsOrdered)
        {
            // Only states never handed over (e.g. lost with a crashed silo) are missing: their current state is queued.
            // Only what two reconciles in a row found undelivered at the same version is queued (as recovered): a state
            // read while the fan-out is still handing over the ones before it would otherwise overtake them.
            var confirmed = undelivered.Where(c => _suspects.GetValueOrDefault(EvseKey.Evse(c.LocationId, c.EvseUid)) == c.Version).ToList();
            _suspects = undelivered.ToDictionary(c => EvseKey.Evse(c.LocationId, c.EvseUid), c => c.Version);
            await OfferOrderedAsync(confirmed, recovered: true);
            Pump();
            return;
        }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner {PartnerId} rejected push for {LocationId}/{EvseUid}: {Detail}")]
    private static partial void LogRejected(ILogger logger, string partnerId, string locationId, string evseUid, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit to partner {PartnerId} opened after {Failures} consecutive failures: {LastError}")]
    private static partial void LogCircuitOpen(ILogger logger, string partnerId, int failures, string? lastError);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner {PartnerId}: location {LocationId} to PUT no longer exists")]
    private static partial void LogMissingLocation(ILogger logger, string partnerId, string locationId);
}
