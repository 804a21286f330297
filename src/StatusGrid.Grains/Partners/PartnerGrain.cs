using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// One partner's push pipeline. Pending work is the latest state per EVSE (a dictionary, never a queue of history);
/// at most one request per EVSE is in flight; a bounded number per partner. What was delivered is recorded in the
/// delivery ledger, so after a crash or an outage the backlog is re-derived (current version &gt; delivered version)
/// and each EVSE's latest state is sent once. Reentrant: sends interleave, state is touched only on the grain's turn.
/// </summary>
[Reentrant]
public sealed partial class PartnerGrain(
    [PersistentState("partner", StorageNames.Grains)] IPersistentState<PartnerState> state,
    OcpiPushClient client,
    IDeliveryLedger ledger,
    ILocationStore locationStore,
    IOptions<PushOptions> options,
    TimeProvider time,
    ILogger<PartnerGrain> logger) : Grain, IPartnerGrain
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MetricsReportInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, PendingChange> _pending = [];
    private readonly Queue<string> _ready = new();
    private readonly HashSet<string> _queued = [];
    private readonly Dictionary<string, long> _inflightVersions = [];
    private readonly Dictionary<string, long> _delivered = [];
    private readonly HashSet<string> _unverified = [];
    private readonly Dictionary<string, (string LocationId, DateTimeOffset Since)> _pendingPuts = [];
    private readonly Queue<string> _putQueue = new();
    private readonly HashSet<string> _putsInFlight = [];
    private readonly Dictionary<string, List<string>> _waitingOnPut = [];
    private readonly Dictionary<string, long> _failures = [];
    private readonly LatencyWindow _latency = new();

    private int _inFlight;
    private long _successes;
    private long _coalesced;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private int _consecutiveFailures;
    private DateTimeOffset _pausedUntil;
    private CircuitState _circuit = CircuitState.Closed;
    private IGrainTimer? _pumpTimer;
    private IGrainTimer? _reconcileTimer;
    private Task? _reconciling;
    private Task? _verifying;
    private DateTimeOffset _verifyAfter;
    private DateTimeOffset _reportedAt;

    private string PartnerId => this.GetPrimaryKeyString();

    private PushOptions Options => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Config is not null)
        {
            StartReconciling();
            await ReconcileOnceAsync();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        PushMetrics.Forget(PartnerId);
        return Task.CompletedTask;
    }

    public async Task Configure(PartnerConfig config)
    {
        var isNew = state.State.Config is null;
        state.State.Config = config with { Id = PartnerId };
        await state.WriteStateAsync();
        var receives = config.Enabled && config.LocationsUrl is not null;
        await GrainFactory.GetGrain<IPartnerDirectoryGrain>(0).Upsert(new PartnerSubscription(PartnerId, config.Filter, receives));
        StartReconciling();
        if (isNew && receives && Options.PutAllLocationsOnRegistration)
        {
            await EnqueueAllLocationsAsync(config.Filter);
        }

        Pump();
    }

    public Task<PartnerConfig?> GetConfig() => Task.FromResult(state.State.Config);

    public async Task Remove()
    {
        await GrainFactory.GetGrain<IPartnerDirectoryGrain>(0).Remove(PartnerId);
        await state.ClearStateAsync();
        _pending.Clear();
        _pendingPuts.Clear();
        PushMetrics.Forget(PartnerId);
        DeactivateOnIdle();
    }

    public Task EnqueueStatusChanges(ImmutableArray<EvseStatusChange> changes)
    {
        if (state.State.Config is null)
        {
            return Task.CompletedTask; // removed, or a stale directory entry: nothing to push to
        }

        var now = time.GetUtcNow();
        foreach (var change in changes)
        {
            Offer(change, now);
        }

        Pump();
        return Task.CompletedTask;
    }

    public Task EnqueueLocationPuts(ImmutableArray<string> locationIds)
    {
        if (state.State.Config is null)
        {
            return Task.CompletedTask;
        }

        var now = time.GetUtcNow();
        foreach (var id in locationIds)
        {
            OfferPut(id, now);
        }

        Pump();
        return Task.CompletedTask;
    }

    public Task<PartnerHealth> GetHealth() => Task.FromResult(BuildHealth());

    public Task Reconcile() => ReconcileOnceAsync();

    private static string LocationKey(string locationId) => locationId.ToUpperInvariant();

    /// <summary>Keeps only the newest state per EVSE; anything not newer than delivered or in flight is dropped.</summary>
    private void Offer(EvseStatusChange change, DateTimeOffset now)
    {
        var key = EvseKey.Evse(change.LocationId, change.EvseUid);
        if ((_delivered.TryGetValue(key, out var delivered) && change.Version <= delivered)
            || (_inflightVersions.TryGetValue(key, out var inflight) && change.Version <= inflight))
        {
            return;
        }

        if (_pending.TryGetValue(key, out var existing))
        {
            if (change.Version > existing.Change.Version)
            {
                _pending[key] = existing with { Change = change };
                _coalesced++;
                PushMetrics.CoalescedOne(PartnerId);
            }

            return;
        }

        _pending[key] = new PendingChange(change, now);
        MarkReady(key);
    }

    private void MarkReady(string key)
    {
        if (!_inflightVersions.ContainsKey(key) && _queued.Add(key))
        {
            _ready.Enqueue(key);
        }
    }

    private void OfferPut(string locationId, DateTimeOffset now)
    {
        var key = LocationKey(locationId);
        if (_pendingPuts.ContainsKey(key))
        {
            return;
        }

        _pendingPuts[key] = (locationId, now);
        if (!_putsInFlight.Contains(key))
        {
            _putQueue.Enqueue(key);
        }
    }

    private void Pump()
    {
        if (state.State.Config is not { Enabled: true, LocationsUrl: not null } config)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (now < _pausedUntil)
        {
            EnsureTicking();
            return;
        }

        if (_circuit == CircuitState.Open)
        {
            _circuit = CircuitState.HalfOpen;
        }

        var limit = _circuit == CircuitState.HalfOpen ? 1 : Math.Max(1, config.MaxConcurrency ?? Options.MaxConcurrency);
        while (_inFlight < limit && time.GetUtcNow() >= _pausedUntil)
        {
            if (_putQueue.TryDequeue(out var locationKey))
            {
                if (_pendingPuts.Remove(locationKey, out var put))
                {
                    _putsInFlight.Add(locationKey);
                    _inFlight++;
                    _ = RunPutAsync(config, locationKey, put.LocationId, put.Since);
                }

                continue;
            }

            if (!_ready.TryDequeue(out var key))
            {
                break;
            }

            _queued.Remove(key);
            if (!_pending.Remove(key, out var pending))
            {
                continue;
            }

            var putKey = LocationKey(pending.Change.LocationId);
            if (_pendingPuts.ContainsKey(putKey) || _putsInFlight.Contains(putKey))
            {
                // The PUT carries the live status; send the PATCH only if it is still newer afterwards.
                _pending[key] = pending;
                if (!_waitingOnPut.TryGetValue(putKey, out var waiting))
                {
                    _waitingOnPut[putKey] = waiting = [];
                }

                waiting.Add(key);
                continue;
            }

            if (!_delivered.ContainsKey(key))
            {
                // This activation's first push of the EVSE: an earlier activation may have delivered a newer state
                // (a late message must not overwrite it), so read the ledger first, for many EVSEs at once.
                _pending[key] = pending;
                _unverified.Add(key);
                continue;
            }

            _inflightVersions[key] = pending.Change.Version;
            _inFlight++;
            _ = RunPatchAsync(config, key, pending);
        }

        if (_unverified.Count > 0 && _verifying is null && now >= _verifyAfter)
        {
            _verifying = VerifyAgainstLedgerAsync();
        }

        if (_pending.Count > 0 || _pendingPuts.Count > 0 || _inFlight > 0)
        {
            EnsureTicking();
        }

        if (now - _reportedAt >= MetricsReportInterval)
        {
            // Building the health view scans the backlog: at most once a second, not once per push.
            _reportedAt = now;
            PushMetrics.Report(BuildHealth());
        }
    }

    private async Task RunPatchAsync(PartnerConfig config, string key, PendingChange pending)
    {
        // Always finish on a later turn: a send that completes synchronously must not re-enter Pump's loop.
        await Task.Yield();
        var started = Stopwatch.GetTimestamp();
        PushResult result;
        try
        {
            result = await client.PatchEvseStatusAsync(config, pending.Change, CancellationToken.None);
        }
        finally
        {
            _inFlight--;
            _inflightVersions.Remove(key);
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        switch (result.Outcome)
        {
            case PushOutcome.Success:
                RecordSuccess(elapsed);
                MarkDelivered(key, pending.Change.LocationId, pending.Change.EvseUid, pending.Change.Version);
                break;
            case PushOutcome.UnknownObject:
                RecordFailure(result, elapsed, retryable: false);
                Requeue(key, pending);
                OfferPut(pending.Change.LocationId, time.GetUtcNow());
                break;
            case PushOutcome.Retryable:
                RecordFailure(result, elapsed, retryable: true);
                Requeue(key, pending);
                break;
            default:
                RecordFailure(result, elapsed, retryable: false);
                LogRejected(logger, PartnerId, pending.Change.LocationId, pending.Change.EvseUid, result.Detail);
                break;
        }

        if (_pending.ContainsKey(key))
        {
            MarkReady(key);
        }

        Pump();
    }

    private async Task RunPutAsync(PartnerConfig config, string locationKey, string locationId, DateTimeOffset since)
    {
        await Task.Yield();
        var started = Stopwatch.GetTimestamp();
        var outcome = PushOutcome.Rejected;
        try
        {
            var snapshot = await GrainFactory.GetGrain<ILocationGrain>(EvseKey.Location(locationId)).Get();
            if (snapshot is null)
            {
                LogMissingLocation(logger, PartnerId, locationId);
                return;
            }

            var result = await client.PutLocationAsync(config, snapshot.Location, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            outcome = result.Outcome;
            if (result.Outcome == PushOutcome.Success)
            {
                RecordSuccess(elapsed);
                foreach (var (evseUid, version) in snapshot.EvseVersions)
                {
                    MarkDelivered(EvseKey.Evse(snapshot.Location.Id, evseUid), snapshot.Location.Id, evseUid, version);
                }
            }
            else
            {
                RecordFailure(result, elapsed, retryable: result.Outcome == PushOutcome.Retryable);
                if (result.Outcome != PushOutcome.Retryable)
                {
                    LogRejected(logger, PartnerId, locationId, "", result.Detail);
                }
            }
        }
        catch (Exception ex)
        {
            outcome = PushOutcome.Retryable;
            RecordFailure(new PushResult(PushOutcome.Retryable, "error", ex.Message), Stopwatch.GetElapsedTime(started).TotalMilliseconds, retryable: true);
        }
        finally
        {
            _inFlight--;
            _putsInFlight.Remove(locationKey);
            if (outcome == PushOutcome.Retryable && !_pendingPuts.ContainsKey(locationKey))
            {
                _pendingPuts[locationKey] = (locationId, since);
            }

            if (_pendingPuts.ContainsKey(locationKey))
            {
                _putQueue.Enqueue(locationKey);
            }
            else if (_waitingOnPut.Remove(locationKey, out var waiting))
            {
                foreach (var key in waiting)
                {
                    if (_pending.TryGetValue(key, out var p) && _delivered.TryGetValue(key, out var d) && p.Change.Version <= d)
                    {
                        _pending.Remove(key);
                    }
                    else if (_pending.ContainsKey(key))
                    {
                        MarkReady(key);
                    }
                }
            }

            Pump();
        }
    }

    /// <summary>
    /// Learns what earlier activations delivered for the EVSEs this one has not pushed yet (absent from the ledger:
    /// nothing), drops pending states that are not newer, and releases the rest to the pump.
    /// </summary>
    private async Task VerifyAgainstLedgerAsync()
    {
        await Task.Yield();
        var keys = new List<string>();
        var evses = new List<EvseRef>();
        foreach (var key in _unverified.Take(Options.ReconcileBatch).ToList())
        {
            if (_pending.TryGetValue(key, out var pending))
            {
                keys.Add(key);
                evses.Add(new EvseRef(pending.Change.LocationId, pending.Change.EvseUid));
            }
            else
            {
                _unverified.Remove(key);
            }
        }

        try
        {
            var found = evses.Count == 0 ? [] : await ledger.ReadDeliveredAsync(PartnerId, evses);
            var versions = found.ToDictionary(d => EvseKey.Evse(d.LocationId, d.EvseUid), d => d.Version);
            foreach (var key in keys)
            {
                _unverified.Remove(key);
                var delivered = versions.GetValueOrDefault(key);
                if (!_delivered.TryGetValue(key, out var held) || held < delivered)
                {
                    _delivered[key] = delivered; // 0: never delivered (versions start at 1)
                }

                if (_pending.TryGetValue(key, out var pending) && pending.Change.Version <= _delivered[key])
                {
                    _pending.Remove(key);
                }
                else if (_pending.ContainsKey(key))
                {
                    MarkReady(key);
                }
            }
        }
        catch (Exception ex)
        {
            // The EVSEs stay pending and unverified; the pump tries again shortly.
            _verifyAfter = time.GetUtcNow() + TimeSpan.FromSeconds(1);
            logger.LogWarning(ex, "Partner {PartnerId} could not read {Count} delivered versions from the ledger", PartnerId, evses.Count);
        }
        finally
        {
            _verifying = null;
            Pump();
        }
    }

    private void Requeue(string key, PendingChange failed)
    {
        if (!_pending.TryGetValue(key, out var newer) || newer.Change.Version < failed.Change.Version)
        {
            _pending[key] = failed;
        }
    }

    private void MarkDelivered(string key, string locationId, string evseUid, long version)
    {
        if (_delivered.TryGetValue(key, out var held) && held >= version)
        {
            return;
        }

        _delivered[key] = version;
        if (_pending.TryGetValue(key, out var pending) && pending.Change.Version <= version)
        {
            _pending.Remove(key);
        }

        _ = RecordDeliveredAsync(new DeliveredVersion(locationId, evseUid, version));
    }

    private async Task RecordDeliveredAsync(DeliveredVersion delivered)
    {
        try
        {
            await ledger.RecordDeliveredAsync(PartnerId, [delivered]);
        }
        catch (Exception ex)
        {
            // Harmless: the next reconcile sends this state once more, and receivers treat it idempotently.
            logger.LogWarning(ex, "Could not record delivery to {PartnerId} of {LocationId}/{EvseUid} v{Version}",
                PartnerId, delivered.LocationId, delivered.EvseUid, delivered.Version);
        }
    }

    private void RecordSuccess(double elapsedMs)
    {
        _successes++;
        _consecutiveFailures = 0;
        _circuit = CircuitState.Closed;
        _latency.Add(elapsedMs);
        PushMetrics.Success(PartnerId, elapsedMs);
    }

    private void RecordFailure(PushResult result, double elapsedMs, bool retryable)
    {
        var now = time.GetUtcNow();
        _failures[result.Kind] = _failures.GetValueOrDefault(result.Kind) + 1;
        _lastError = result.Detail ?? result.Kind;
        _lastErrorAt = now;
        PushMetrics.Failure(PartnerId, result.Kind, elapsedMs);
        if (!retryable)
        {
            return;
        }

        _consecutiveFailures++;
        var exponent = Math.Min(_consecutiveFailures - 1, 16);
        var backoff = TimeSpan.FromTicks(Math.Min(Options.BackoffMax.Ticks, Options.BackoffBase.Ticks * (1L << exponent)));
        backoff = TimeSpan.FromTicks((long)(backoff.Ticks * (0.5 + (Random.Shared.NextDouble() * 0.5))));
        if (result.RetryAfter is { } retryAfter && retryAfter > backoff)
        {
            backoff = retryAfter > Options.BackoffMax * 5 ? Options.BackoffMax * 5 : retryAfter;
        }

        if (_circuit == CircuitState.HalfOpen || _consecutiveFailures >= Options.BreakerThreshold)
        {
            if (_circuit != CircuitState.Open)
            {
                LogCircuitOpen(logger, PartnerId, _consecutiveFailures, _lastError);
            }

            _circuit = CircuitState.Open;
            if (backoff < Options.BreakDuration)
            {
                backoff = Options.BreakDuration;
            }
        }

        var until = now + backoff;
        if (until > _pausedUntil)
        {
            _pausedUntil = until;
        }
    }

    private void EnsureTicking()
    {
        _pumpTimer ??= this.RegisterGrainTimer(OnTick, new GrainTimerCreationOptions(Tick, Tick) { Interleave = true, KeepAlive = true });
    }

    private Task OnTick(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0 && _pendingPuts.Count == 0 && _inFlight == 0)
        {
            _pumpTimer?.Dispose();
            _pumpTimer = null;
            PushMetrics.Report(BuildHealth());
            return Task.CompletedTask;
        }

        Pump();
        return Task.CompletedTask;
    }

    private void StartReconciling()
    {
        _reconcileTimer ??= this.RegisterGrainTimer(
            _ => ReconcileOnceAsync(),
            new GrainTimerCreationOptions(Options.ReconcileInterval, Options.ReconcileInterval) { Interleave = true, KeepAlive = true });
    }

    /// <summary>Joins a reconcile already running (timer, activation and recovery calls may overlap: the grain is reentrant).</summary>
    private Task ReconcileOnceAsync()
    {
        if (_reconciling is { IsCompleted: false } running)
        {
            return running;
        }

        return _reconciling = ReconcileAsync();
    }

    /// <summary>
    /// Re-derives the backlog from the ledger: every EVSE whose current version is above what this partner got.
    /// Catches changes that a crashed silo committed but never handed over, and a partner's outage backlog.
    /// </summary>
    private async Task ReconcileAsync()
    {
        if (state.State.Config is not { } config)
        {
            return;
        }

        IReadOnlyList<EvseStatusRecord> undelivered;
        try
        {
            undelivered = await ledger.ReadUndeliveredAsync(PartnerId, Options.ReconcileBatch);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reconcile of partner {PartnerId} could not read the ledger", PartnerId);
            return;
        }

        var now = time.GetUtcNow();
        var locations = new Dictionary<string, StoredLocation?>(StringComparer.OrdinalIgnoreCase);
        var settled = new List<DeliveredVersion>();
        foreach (var record in undelivered)
        {
            if (!locations.TryGetValue(record.LocationId, out var location))
            {
                locations[record.LocationId] = location = await locationStore.GetAsync(record.LocationId);
            }

            if (location is null || !config.Filter.Allows(location.Id, location.Country, location.Publish))
            {
                // Not for this partner: settle it so it does not come back on every reconcile.
                settled.Add(new DeliveredVersion(record.LocationId, record.EvseUid, record.Version));
                continue;
            }

            Offer(new EvseStatusChange(record.LocationId, record.EvseUid, location.CountryCode, location.PartyId, location.Publish,
                record.Status, record.LastUpdated, record.Version), now);
        }

        if (settled.Count > 0)
        {
            await ledger.RecordDeliveredAsync(PartnerId, settled);
        }

        Pump();
    }

    private async Task EnqueueAllLocationsAsync(PartnerFilter filter)
    {
        const int PageSize = 1000;
        var now = time.GetUtcNow();
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await locationStore.QueryAsync(new LocationQuery(offset, PageSize));
            foreach (var location in page.Items.Where(l => filter.Allows(l.Id, l.Country, l.Publish)))
            {
                OfferPut(location.Id, now);
            }

            if (page.Items.Count < PageSize)
            {
                break;
            }
        }
    }

    private PartnerHealth BuildHealth()
    {
        var now = time.GetUtcNow();
        DateTimeOffset? oldest = null;
        foreach (var p in _pending.Values)
        {
            if (oldest is null || p.Since < oldest)
            {
                oldest = p.Since;
            }
        }

        foreach (var p in _pendingPuts.Values)
        {
            if (oldest is null || p.Since < oldest)
            {
                oldest = p.Since;
            }
        }

        return new PartnerHealth
        {
            PartnerId = PartnerId,
            QueueDepth = _pending.Count,
            PendingLocationPuts = _pendingPuts.Count,
            OldestPendingAge = oldest is { } o ? now - o : null,
            InFlight = _inFlight,
            Successes = _successes,
            Coalesced = _coalesced,
            FailuresByKind = _failures.ToImmutableDictionary(),
            CircuitState = _circuit.ToString(),
            LastError = _lastError,
            LastErrorAt = _lastErrorAt,
            PushLatencyP50Ms = _latency.Percentile(0.50),
            PushLatencyP99Ms = _latency.Percentile(0.99),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner {PartnerId} rejected push for {LocationId}/{EvseUid}: {Detail}")]
    private static partial void LogRejected(ILogger logger, string partnerId, string locationId, string evseUid, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit to partner {PartnerId} opened after {Failures} consecutive failures: {LastError}")]
    private static partial void LogCircuitOpen(ILogger logger, string partnerId, int failures, string? lastError);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner {PartnerId}: location {LocationId} to PUT no longer exists")]
    private static partial void LogMissingLocation(ILogger logger, string partnerId, string locationId);
}
