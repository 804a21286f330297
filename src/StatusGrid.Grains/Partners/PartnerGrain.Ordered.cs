using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// The <c>ordered</c> delivery mode (store and forward, as hubs like Gireve's IOP require): every distinct state in
/// order through <see cref="OrderedQueue"/>, persisted in the "partnerqueue" grain state before the fan-out's call
/// returns, retried until 2xx under the same throttle and rate limit as <c>latest</c>. Settled versions still go to
/// the delivery ledger, so reconcile finds (and queues the current state of) anything never handed over.
/// </summary>
public sealed partial class PartnerGrain
{
    private readonly OrderedQueue _ordered = new();
    private readonly SemaphoreSlim _offers = new(1, 1);

    /// <summary>Ordered mode: what the last reconcile found undelivered (EVSE key → version).</summary>
    private Dictionary<string, long> _suspects = [];

    /// <summary>Ordered mode: the Location documents the last reconcile found undelivered (location id → document version).</summary>
    private Dictionary<string, long> _documentSuspects = new(StringComparer.OrdinalIgnoreCase);

    private bool IsOrdered => state.State.Config?.DeliveryMode == DeliveryMode.Ordered;

    private int OrderedLimit => state.State.Config?.MaxBacklog ?? Options.OrderedMaxBacklog;

    /// <summary>Queues states in order; an EVSE's first state waits for the ledger (what an earlier activation delivered).</summary>
    /// <param name="recovered">Read from the store by reconcile: a state the fan-out still hands over goes before it.</param>
    /// <returns>Whether the queue holding them is stored.</returns>
    private async Task<bool> OfferOrderedAsync(IReadOnlyList<EvseStatusChange> changes, bool recovered = false)
    {
        await _offers.WaitAsync();
        try
        {
            var unknown = changes.Where(c => !_ordered.Knows(EvseKey.Evse(c.LocationId, c.EvseUid)))
                .Select(c => new EvseRef(c.LocationId, c.EvseUid)).Distinct().ToList();
            if (unknown.Count > 0)
            {
                foreach (var delivered in await source.ReadDeliveredAsync(PartnerId, unknown))
                {
                    _ordered.Learn(EvseKey.Evse(delivered.LocationId, delivered.EvseUid), delivered.Version);
                }

                foreach (var evse in unknown)
                {
                    _ordered.Learn(EvseKey.Evse(evse.LocationId, evse.EvseUid), 0);
                }
            }

            var now = time.GetUtcNow();
            foreach (var change in changes.OrderBy(c => c.Version))
            {
                _ordered.OfferPatch(change, now, OrderedLimit, recovered);
            }

            return await SaveQueueAsync();
        }
        finally
        {
            _offers.Release();
        }
    }

    private async Task OfferOrderedPutsAsync(IEnumerable<string> locationIds)
    {
        await _offers.WaitAsync();
        try
        {
            await QueueOrderedPutsAsync(locationIds);
        }
        finally
        {
            _offers.Release();
        }
    }

    /// <summary>The PUTs into the ordered queue, stored; the caller holds the offer lock.</summary>
    private async Task QueueOrderedPutsAsync(IEnumerable<string> locationIds)
    {
        foreach (var id in locationIds)
        {
            // The EVSEs' states as of now: the PUT keeps its place between the PATCHes before and after it.
            if (await source.ReadLiveAsync(id) is { } snapshot)
            {
                _ordered.OfferPut(id, Capture(snapshot), time.GetUtcNow());
            }
        }

        await SaveQueueAsync();
    }

    private static ImmutableArray<CapturedEvse> Capture(LocationSnapshot snapshot) =>
    [
        .. (snapshot.Location.Evses ?? []).Select(e => new CapturedEvse(e.Uid, e.Status, e.LastUpdated, snapshot.EvseVersions.GetValueOrDefault(e.Uid))),
    ];

    private void PumpOrdered(PartnerConfig config, DateTimeOffset now)
    {
        var allowance = _pipeline.Throttle.Allowance(now, config.MaxConcurrency ?? Options.MaxConcurrency);
        while (_ordered.InFlight < allowance && (_pipeline.Rate?.Available(now) ?? true) && _ordered.TryTake(out var message))
        {
            _pipeline.Rate?.TryTake(now);
            _ = RunOrderedAsync(config, message);
        }
    }

    private async Task RunOrderedAsync(PartnerConfig config, OrderedMessage message)
    {
        var epoch = _pipeline.Epochs.Current; // of the config taken with it (FilterEpochs), before another turn may change it
        await Task.Yield();
        var started = Stopwatch.GetTimestamp();
        PushResult result;
        ImmutableArray<CapturedEvse> sent = message.Evses;
        DeliveredVersion? document = null; // a PUT's document as read, settled with its EVSEs
        try
        {
            if (message.Change is { } skipped && await IsUnrepresentableAsync(config, skipped))
            {
                result = NotRepresentable; // settled without a request: the partner's version cannot hold this EVSE
            }
            else if (message.Change is { } change)
            {
                var stamped = change with { LastUpdated = _pipeline.Stamps.Patch(change.LocationId, change.EvseUid, _ordered.Sending(change).LastUpdated) };
                result = await CheckedSendAsync(message,
                    () => client.CheckEvseStatusAsync(config, stamped, CancellationToken.None),
                    () => client.PatchEvseStatusAsync(config, stamped, CancellationToken.None));
            }
            else if (await source.ReadLiveAsync(message.LocationId) is { } snapshot)
            {
                document = snapshot.DocumentVersion > 0 ? DeliveredVersion.OfDocument(snapshot.Location.Id, snapshot.DocumentVersion) : null;
                var location = await StampedAsync(config, Stamped(AsQueued(snapshot, message.Evses), snapshot, message.Evses));
                _unrepresentable.Learn(location, config.OcpiVersion);
                result = await CheckedSendAsync(message,
                    () => client.CheckLocationAsync(config, location, CancellationToken.None),
                    () => client.PutLocationAsync(config, location, CancellationToken.None));
            }
            else
            {
                result = new PushResult(PushOutcome.Rejected, "missing_location");
            }
        }
        catch (Exception ex)
        {
            result = new PushResult(PushOutcome.Retryable, "error", ex.Message);
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var now = time.GetUtcNow();
        var settled = new List<DeliveredVersion>();
        if (result.Outcome == PushOutcome.Success)
        {
            if (result.Kind != NotRepresentable.Kind)
            {
                _pipeline.Throttle.Succeeded();
                _pipeline.Statistics.Success(elapsed);
                _pipeline.Statistics.Delivered(message.Since, now);
                PushMetrics.Success(PartnerId, elapsed);
            }

            Settled(message, sent, document, epoch, settled);
            _ordered.Remove(message);
        }
        else if (result.Outcome == PushOutcome.Retryable)
        {
            _pipeline.Statistics.Failure(result, now);
            PushMetrics.Failure(PartnerId, result.Kind, elapsed);
            if (_pipeline.Throttle.Failed(now, result.RetryAfter))
            {
                LogCircuitOpen(logger, PartnerId, _pipeline.Throttle.ConsecutiveFailures, result.Detail ?? result.Kind);
            }

            // Stays at the head of its lane: FIFO.
        }
        else if (result.Outcome == PushOutcome.UnknownObject && !message.IsPut
            && await source.ReadLiveAsync(message.LocationId) is { } current)
        {
            // The partner lost the location: PUT it first (its current document); what that PUT supersedes is dropped.
            _pipeline.Statistics.Failure(result, now);
            _ordered.PutFirst(message, Capture(current));
        }
        else
        {
            // Refused: recorded and settled (retrying an invalid message for ever would block every later state of its
            // location); the next state goes.
            _pipeline.Statistics.Failure(result, now);
            PushMetrics.Failure(PartnerId, result.Kind, elapsed);
            PushMetrics.Rejected(PartnerId);
            _pipeline.Rejections.Add(RejectionLog.Create(message.LocationId, message.Change?.EvseUid, message.Change?.Version, result, now));
            LogRejected(logger, PartnerId, message.LocationId, message.Change?.EvseUid ?? "", result.Detail);
            Settled(message, sent, document, epoch, settled);
            _ordered.Remove(message);
            _ = SaveRejectionsAsync();
        }

        if (settled.Count > 0)
        {
            RecordSettled(settled);
        }

        // The lane's next message goes only once the queue without this one is stored.
        await SaveQueueAsync();
        _ordered.Release(message);
        Pump();
    }

    /// <summary>
    /// Sends the message, unless its lane's head may be at the partner already (<see cref="OrderedQueue.IsUncertain"/>):
    /// then the partner's copy is read first, and a copy that is exactly this message settles it without a send.
    /// </summary>
    private async Task<PushResult> CheckedSendAsync(OrderedMessage message, Func<Task<PushResult>> check, Func<Task<PushResult>> send)
    {
        if (_ordered.IsUncertain(message))
        {
            var copy = await OffActivation(check);
            if (copy.Outcome == PushOutcome.Success)
            {
                _ordered.FoundHeld(message);
                return copy;
            }

            if (copy.Outcome == PushOutcome.Retryable && _ordered.CheckUnanswered(message))
            {
                return copy; // backs off like a failed send, and asks again
            }

            // The check was a request of its own: under a rate limit the send waits for the next one's turn.
            while (_pipeline.Rate is { } rate && !rate.TryTake(time.GetUtcNow()))
            {
                await Task.Delay(RequestRate.Granularity, time);
            }
        }

        var result = await OffActivation(send);
        _ordered.SentWith(message, result);
        return result;
    }

    private void Settled(OrderedMessage message, ImmutableArray<CapturedEvse> sent, DeliveredVersion? document, long epoch, List<DeliveredVersion> settled)
    {
        if (document is not null)
        {
            settled.Add(document with { Version = _pipeline.Epochs.Settled(document.LocationId, epoch, document.Version) });
        }

        if (message.Change is { } change)
        {
            settled.Add(new DeliveredVersion(change.LocationId, change.EvseUid, change.Version));
            return;
        }

        settled.AddRange(sent.Where(e => e.Version > 0).Select(e => new DeliveredVersion(message.LocationId, e.EvseUid, e.Version)));
    }

    /// <summary>
    /// Each EVSE never older than one sent before, its last_updated never earlier; the location's never earlier than
    /// its EVSEs'.
    /// </summary>
    private Ocpi.Locations.Location Stamped(Ocpi.Locations.Location location, LocationSnapshot snapshot, ImmutableArray<CapturedEvse> captured)
    {
        if (location.Evses is null)
        {
            return location;
        }

        var versions = captured.ToDictionary(e => e.EvseUid, e => e.Version, StringComparer.OrdinalIgnoreCase);
        List<Ocpi.Locations.Evse> evses = [.. location.Evses.Select(e =>
        {
            var version = versions.TryGetValue(e.Uid, out var v) ? v : snapshot.EvseVersions.GetValueOrDefault(e.Uid);
            var sent = _ordered.Sending(EvseKey.Evse(location.Id, e.Uid), new CapturedEvse(e.Uid, e.Status, e.LastUpdated, version));
            return e with { Status = sent.Status, LastUpdated = sent.LastUpdated };
        })];
        var latest = evses.Select(e => e.LastUpdated).Append(location.LastUpdated).Max();
        return location with { Evses = evses, LastUpdated = latest };
    }

    /// <summary>
    /// The current document with each EVSE's status as it was when the PUT was queued, and the Location's last_updated
    /// derived from those (not from live statuses that changed since): every attempt of the PUT is the same message,
    /// so the partner's copy of one whose answer was lost is recognised.
    /// </summary>
    private static Ocpi.Locations.Location AsQueued(LocationSnapshot snapshot, ImmutableArray<CapturedEvse> evses)
    {
        var location = snapshot.Location;
        var captured = evses.ToDictionary(e => e.EvseUid, StringComparer.OrdinalIgnoreCase);
        return location with
        {
            Evses = location.Evses is null ? null
                : [.. location.Evses.Select(e => captured.TryGetValue(e.Uid, out var c) ? e with { Status = c.Status, LastUpdated = c.LastUpdated } : e)],
            LastUpdated = snapshot.DocumentLastUpdated,
        };
    }
}
