using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Partners;

/// <summary>A request the pipeline decided to send.</summary>
internal abstract record PushWork;

internal sealed record PatchWork(BacklogKey Key, PendingChange Pending) : PushWork;

/// <param name="Epoch">The filter epoch it was taken in (<see cref="FilterEpochs"/>).</param>
internal sealed record PutWork(string LocationKey, PendingPut Put, long Epoch = 0) : PushWork;

/// <summary>What the grain must do after a request ended: record settled versions in the ledger, save rejections.</summary>
internal sealed record PushCompletion(IReadOnlyList<DeliveredVersion> Settled, bool RejectionsChanged, bool CircuitOpened);

/// <summary>
/// One partner's push pipeline without any I/O: decides which requests to start (<see cref="Start"/>) and what their
/// answers mean (<see cref="CompletePatch"/>, <see cref="CompletePut"/>). The partner grain sends, reads and writes.
/// </summary>
internal sealed class PushPipeline(PushOptions options, Func<double>? random = null)
{
    public EvseBacklog Backlog { get; } = new();

    public LocationGate Gate { get; } = new();

    public FilterEpochs Epochs { get; } = new();

    public SentStamps Stamps { get; } = new();

    public PushThrottle Throttle { get; } = new(options, random);

    public PushStatistics Statistics { get; } = new(options.FreshnessObjective);

    public RejectionLog Rejections { get; } = new();

    public int InFlight => Backlog.InFlightCount + Gate.PutsInFlight;

    /// <summary>The partner's request rate limit; null: unlimited.</summary>
    public RequestRate? Rate { get; private set; }

    /// <summary>Times the rate limit held back a request that could otherwise have started.</summary>
    public long RateLimited { get; private set; }

    /// <summary>Applies the partner's configured limit (kept when unchanged, so its bucket carries on).</summary>
    public void LimitRate(int? perSecond, DateTimeOffset now)
    {
        if (perSecond != Rate?.PerSecond)
        {
            Rate = perSecond is { } limit ? new RequestRate(limit, now) : null;
        }
    }

    public bool IsIdle => InFlight == 0 && Backlog.PendingCount == 0 && Gate.PendingPutCount == 0;

    /// <returns>True when the change replaced a pending one (coalesced).</returns>
    public bool Offer(EvseStatusChange change, DateTimeOffset now) => Backlog.Offer(change, now);

    /// <param name="changed">The location changed, or an admin asked: a refused earlier PUT no longer holds it back.</param>
    public void OfferPut(string locationId, DateTimeOffset now, bool changed) => Gate.OfferPut(locationId, now, changed);

    /// <summary>The requests to start now, within the throttle's allowance; PUTs first, they unblock PATCHes.</summary>
    public List<PushWork> Start(DateTimeOffset now, int maxConcurrency)
    {
        var work = new List<PushWork>();
        var allowance = Throttle.Allowance(now, maxConcurrency);
        while (InFlight < allowance)
        {
            if (Rate is { } rate && !rate.Available(now))
            {
                if (Backlog.PendingCount > 0 || Gate.PendingPutCount > 0)
                {
                    RateLimited++;
                }

                break;
            }

            if (Gate.TryTakePut(out var locationKey, out var put))
            {
                work.Add(new PutWork(locationKey, put, Epochs.Current));
            }
            else if (Backlog.TryTake(Gate.BlocksPatch, out var key, out var pending))
            {
                Gate.PatchStarted(EvseBacklog.LocationKey(pending.Change.LocationId));
                work.Add(new PatchWork(key, pending));
            }
            else
            {
                break;
            }

            Rate?.TryTake(now);
        }

        return work;
    }

    /// <summary>
    /// Settles a PATCH that is not sent because the partner's version cannot hold its EVSE (<see cref="UnrepresentableEvses"/>):
    /// no answer, so no statistics.
    /// </summary>
    public List<DeliveredVersion> SkipPatch(PatchWork work)
    {
        var change = work.Pending.Change;
        Gate.PatchFinished(EvseBacklog.LocationKey(change.LocationId));
        Backlog.Complete(work.Key, retry: false);
        var settled = new List<DeliveredVersion>();
        Settle(work.Key, change, settled);
        return settled;
    }

    /// <param name="checkedCopy">The result is a check of the partner's copy (<see cref="PendingChange.ChecksLeft"/>), not a PATCH.</param>
    public PushCompletion CompletePatch(PatchWork work, PushResult result, DateTimeOffset now, double elapsedMs, bool checkedCopy = false)
    {
        var change = work.Pending.Change;
        var locationKey = EvseBacklog.LocationKey(change.LocationId);
        Gate.PatchFinished(locationKey);
        var settled = new List<DeliveredVersion>();
        var rejectionsChanged = false;
        var opened = false;
        var outcome = result.Outcome == PushOutcome.UnknownObject && Gate.IsRejected(locationKey) ? PushOutcome.Rejected : result.Outcome;
        if (outcome == PushOutcome.Success && checkedCopy)
        {
            AlreadyHeld++;
        }

        if (outcome == PushOutcome.Success)
        {
            Throttle.Succeeded();
            Statistics.Success(elapsedMs);
            Statistics.Delivered(work.Pending.Since, now);
            rejectionsChanged = Rejections.Remove(change.LocationId, change.EvseUid);
        }
        else
        {
            Statistics.Failure(result, now);
        }

        switch (outcome)
        {
            case PushOutcome.Success:
                Backlog.Complete(work.Key, retry: false);
                Settle(work.Key, change, settled);
                break;
            case PushOutcome.UnknownObject:
                // The partner lost the location: PUT it (carrying this state), then this PATCH only if still newer.
                Backlog.Complete(work.Key, retry: true);
                Gate.OfferPut(change.LocationId, now, changed: false);
                break;
            case PushOutcome.Retryable:
                opened = Throttle.Failed(now, result.RetryAfter);
                Backlog.Complete(work.Key, retry: true, ChecksAfter(work.Pending, result, checkedCopy));
                break;
            default:
                // Refused: settled at this version, so neither reconcile nor a restart sends it again; a newer one goes.
                Backlog.Complete(work.Key, retry: false);
                Settle(work.Key, change, settled);
                Rejections.Add(RejectionLog.Create(change.LocationId, change.EvseUid, change.Version, result, now));
                rejectionsChanged = true;
                break;
        }

        return new PushCompletion(settled, rejectionsChanged, opened);
    }

    /// <summary>States settled without a send because the partner's copy showed them held (their answer had been lost).</summary>
    public long AlreadyHeld { get; private set; }

    /// <summary>
    /// Checks due before a failed state goes again: after a PATCH whose outcome is unknown, <see cref="OrderedQueue.MaxChecks"/>;
    /// after a check without an answer, one fewer (a partner whose GET never answers still gets the state).
    /// </summary>
    private static int ChecksAfter(PendingChange sent, PushResult result, bool checkedCopy) =>
        checkedCopy ? Math.Max(0, sent.ChecksLeft - 1) : result.OutcomeUnknown ? OrderedQueue.MaxChecks : 0;

    /// <param name="snapshot">The location as sent; null when it could not be read (nothing was sent): a retryable
    /// <paramref name="result"/> then tries again, any other gives up (the location no longer exists).</param>
    public PushCompletion CompletePut(PutWork work, LocationSnapshot? snapshot, PushResult result, DateTimeOffset now, double elapsedMs)
    {
        var settled = new List<DeliveredVersion>();
        var rejectionsChanged = false;
        var opened = false;
        var retry = result.Outcome == PushOutcome.Retryable;
        if (result.Outcome == PushOutcome.Success && snapshot is not null)
        {
            Throttle.Succeeded();
            Statistics.Success(elapsedMs);
            Statistics.Delivered(work.Put.Since, now);
            rejectionsChanged = Rejections.Remove(snapshot.Location.Id, null);
            SettleDocument(work, snapshot, settled);
            foreach (var (uid, version) in snapshot.EvseVersions)
            {
                rejectionsChanged |= Rejections.Remove(snapshot.Location.Id, uid);
                SettleVersion(snapshot.Location.Id, uid, version, settled);
            }
        }
        else if (retry)
        {
            Statistics.Failure(result, now);
            opened = Throttle.Failed(now, result.RetryAfter);
        }
        else if (snapshot is not null)
        {
            // Refused (a 404 to a PUT is a wrong URL, not amnesia): not sent again until the location changes or a
            // resync; its EVSEs' current versions are settled so reconcile does not PATCH them forever.
            Statistics.Failure(result, now);
            Gate.MarkRejected(work.LocationKey);
            Rejections.Add(RejectionLog.Create(snapshot.Location.Id, null, null, result, now));
            rejectionsChanged = true;
            // The refused document is settled too: reconcile owes the location again only once it changes, and the
            // refusal mark reloaded after a restart then gives way to that change's PUT.
            SettleDocument(work, snapshot, settled);
            foreach (var (uid, version) in snapshot.EvseVersions)
            {
                SettleVersion(snapshot.Location.Id, uid, version, settled);
            }
        }

        if (Gate.PutFinished(work.LocationKey, work.Put, retry))
        {
            Backlog.Release(work.LocationKey);
        }

        return new PushCompletion(settled, rejectionsChanged, opened);
    }

    /// <summary>An admin's resync: refusals are forgotten, every location goes again as a PUT.</summary>
    public void ForgetRejections() => Rejections.Clear();

    public PartnerHealth Health(string partnerId, DateTimeOffset now)
    {
        var oldest = Min(Backlog.OldestSince(), Gate.OldestSince());
        var health = new PartnerHealth
        {
            PartnerId = partnerId,
            QueueDepth = Backlog.PendingCount,
            PendingLocationPuts = Gate.PendingPutCount,
            OldestPendingAge = oldest is { } o ? now - o : null,
            InFlight = InFlight,
            Coalesced = Backlog.Coalesced,
            CircuitState = Throttle.State.ToString(),
            Rejections = Rejections.Snapshot(),
            Rejected = Rejections.Total,
            RateLimited = RateLimited,
        };
        return Statistics.Fill(health, health.OldestPendingAge, options.FreshnessTarget);
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private void Settle(BacklogKey key, EvseStatusChange change, List<DeliveredVersion> settled)
    {
        if (Backlog.Settle(key, change.Version, verified: true))
        {
            settled.Add(new DeliveredVersion(change.LocationId, change.EvseUid, change.Version));
        }
    }

    /// <summary>The document as the PUT read it, for the ledger (a snapshot from before document versions has 0: never owed).</summary>
    private void SettleDocument(PutWork work, LocationSnapshot snapshot, List<DeliveredVersion> settled)
    {
        if (snapshot.DocumentVersion <= 0)
        {
            return;
        }

        // Negative when shaped by the filter before a change that reopened the row: recorded as still owed (and not
        // settled in the gate), so the PUT the new filter owes goes even after a crash.
        var recorded = Epochs.Settled(snapshot.Location.Id, work.Epoch, snapshot.DocumentVersion);
        if (recorded < 0 || Gate.SettleDocument(work.LocationKey, recorded))
        {
            settled.Add(DeliveredVersion.OfDocument(snapshot.Location.Id, recorded));
        }
    }

    private void SettleVersion(string locationId, string evseUid, long version, List<DeliveredVersion> settled)
    {
        if (Backlog.Settle(new BacklogKey(locationId, evseUid), version, verified: true))
        {
            settled.Add(new DeliveredVersion(locationId, evseUid, version));
        }
    }
}
