using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Partners;

/// <summary>The grain's requests (sent off its turn, answers taken on it), rejections and state writes, timers.</summary>
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

    private static readonly PushResult NotRepresentable = new(PushOutcome.Success, "not_representable");

    private readonly UnrepresentableEvses _unrepresentable = new();

    private async Task RunPatchAsync(PartnerConfig config, PatchWork work)
    {
        var started = Stopwatch.GetTimestamp();
        var change = work.Pending.Change;
        if (_pipeline.Stamps.Patch(change.LocationId, change.EvseUid, change.LastUpdated) is var at && at != change.LastUpdated)
        {
            // Never at or below a stamp a Location PUT minted for the EVSE (SentStamps): the partner would ignore it.
            change = change with { LastUpdated = at };
        }

        // A state whose answer was lost goes again only once the partner's copy shows it does not hold it.
        var checking = work.Pending.ChecksLeft > 0;
        PushResult result = default;
        if (await IsUnrepresentableAsync(config, change))
        {
            // Settled without a request (and without a push metric): the partner's version cannot hold this EVSE, and
            // its PUTs carry it REMOVED.
            var settled = _pipeline.SkipPatch(work);
            if (settled.Count > 0)
            {
                RecordSettled(settled);
            }

            Pump();
            return;
        }

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

    /// <summary>Whether this change's EVSE is one the partner's version cannot hold: its PATCH is settled unsent.</summary>
    private async Task<bool> IsUnrepresentableAsync(PartnerConfig config, EvseStatusChange change)
    {
        await LearnBeforePatchAsync(config, change.LocationId);
        return _unrepresentable.Contains(change.LocationId, change.EvseUid);
    }

    /// <summary>
    /// Before this activation's first PATCH of a Location it has not PUT, for a partner whose version cannot represent
    /// every EVSE: reads the Location to learn its unrepresentable EVSEs (<see cref="UnrepresentableEvses"/>), which the
    /// partner holds REMOVED and a PATCH would bring back. One read per Location and activation, none for 2.3.0.
    /// </summary>
    private async Task LearnBeforePatchAsync(PartnerConfig config, string locationId)
    {
        if (config.OcpiVersion == OcpiVersion.V230 || _unrepresentable.Knows(locationId))
        {
            return;
        }

        try
        {
            if (await source.ReadLiveAsync(locationId) is { } snapshot && !_unrepresentable.Knows(locationId))
            {
                _unrepresentable.Learn(snapshot.Location, config.OcpiVersion);
            }
        }
        catch (Exception ex)
        {
            // The PATCH goes unchecked, as it did before the check existed; the next one reads again.
            logger.LogWarning(ex, "Partner {PartnerId} could not read location {LocationId} before its PATCH", PartnerId, locationId);
        }
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
            snapshot = await source.ReadLiveAsync(work.Put.LocationId);
            if (snapshot is null)
            {
                LogMissingLocation(logger, PartnerId, work.Put.LocationId);
                result = new PushResult(PushOutcome.Rejected, "missing_location");
            }
            else
            {
                _unrepresentable.Learn(snapshot.Location, config.OcpiVersion);
                var location = await StampedAsync(config, snapshot.Location);
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

    /// <summary>
    /// For a change a caller asked for (a configuration, a hub's client): if it is not stored, <paramref name="undo"/>
    /// puts the stored value back, so the grain never works from a value the database lacks (see
    /// <see cref="Hosting.GrainStateWrites"/>; this grain is reentrant, with pushes in flight, so it is not dropped).
    /// </summary>
    private async Task WriteStateOrUndoAsync(Action undo)
    {
        try
        {
            await WriteStateAsync();
        }
        catch
        {
            undo();
            throw;
        }
    }

    /// <summary>
    /// One write at a time: the grain is reentrant, and overlapping writes would conflict on the ETag.
    /// <paramref name="beforeWrite"/> runs once this write's turn has come, just before the state is written. Every
    /// write also stores the PUT stamp floors as they are then, when they moved since the last stored (SentStamps: the
    /// minted ones must be stored before their PUTs go, the dropped ones leave with whichever write comes next).
    /// </summary>
    private async Task WriteStateAsync(Action? beforeWrite = null)
    {
        await _writes.WaitAsync();
        try
        {
            beforeWrite?.Invoke();
            var floors = _pipeline.Stamps.Changes;
            if (floors != _floorsStored)
            {
                state.State.SentFloors = _pipeline.Stamps.Snapshot();
            }

            await state.WriteStateAsync();
            _floorsStored = floors;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner {PartnerId} rejected push for {LocationId}/{EvseUid}: {Detail}")]
    private static partial void LogRejected(ILogger logger, string partnerId, string locationId, string evseUid, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit to partner {PartnerId} opened after {Failures} consecutive failures: {LastError}")]
    private static partial void LogCircuitOpen(ILogger logger, string partnerId, int failures, string? lastError);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner {PartnerId}: location {LocationId} to PUT no longer exists")]
    private static partial void LogMissingLocation(ILogger logger, string partnerId, string locationId);
}
