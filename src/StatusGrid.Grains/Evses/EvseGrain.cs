using StatusGrid.Contracts.Evses;
using StatusGrid.Grains.Fanout;
using StatusGrid.Grains.Hosting;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;
using StatusGrid.Storage.Estate;

namespace StatusGrid.Grains.Evses;

/// <summary>
/// Single writer of one EVSE's status. Calls are not interleaved, so per-EVSE order needs no locking: a change is
/// committed (group commit shared with every other EVSE) before the next report is looked at.
/// </summary>
public sealed class EvseGrain(
    IStatusStore statusStore,
    IEstateStore estate,
    IStatusFanout fanout,
    EvseActivations activations) : Grain, IEvseGrain
{
    private const int MaxConflictRetries = 3;
    private readonly EvseMetaState _meta = new();
    private EvseStatusRecord? _record;

    /// <summary>
    /// The latest observation time seen, repeats included: a repeated status is no change (no write, last_updated stays)
    /// but it is still news that the EVSE was in that status then, so a report observed earlier is history. Kept in
    /// memory and written on a graceful deactivation (a write per repeat would double the write load); after a crash
    /// it restarts at the last change.
    /// </summary>
    private ObservationHorizon _horizon = new(DateTimeOffset.MinValue);

    /// <summary>
    /// The highest version this activation knows every <c>ordered</c> partner's grain holds. A report is acknowledged
    /// only after that hand-off, so a change is never lost for them with this silo's fan-out. A previous activation's
    /// last change may have been committed and never handed over (its silo died): the first repeat of it (the
    /// sender's retry) hands it over again.
    /// </summary>
    private long _handedOver;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        activations.Activated();
    }

    public async Task<StatusReportOutcome> ReportStatus(StatusReport report)
    {
        if (_meta.LocationId is null)
        {
            // Unknown at activation: a bulk import may have defined it since.
            await LoadAsync(CancellationToken.None);
            if (_meta.LocationId is null)
            {
                return StatusReportOutcome.UnknownEvse;
            }
        }

        if (_record is { Status: EvseStatus.Removed } && report.Status != EvseStatus.Removed)
        {
            // Applying it would bring back, at every partner, an EVSE the CPO took away; a Location PUT that lists the
            // EVSE again (Define) is how it comes back.
            return StatusReportOutcome.RemovedEvse;
        }

        var observed = Timestamps.ToMilliseconds(report.ObservedAt);
        for (var attempt = 1; ; attempt++)
        {
            if (_record is { } held)
            {
                if (_horizon.IsBefore(observed))
                {
                    return StatusReportOutcome.Stale;
                }

                if (report.Status == held.Status)
                {
                    _horizon.Saw(observed, held.Status);
                    if (held.Version > _handedOver && fanout.MayHaveOrderedPartners)
                    {
                        await HandOverAsync(fanout.Publish(Change(held, isNew: false)), held.Version);
                    }

                    return StatusReportOutcome.Duplicate;
                }

                if (_horizon.SawAlready(observed, report.Status))
                {
                    return StatusReportOutcome.Stale;
                }
            }

            try
            {
                var handing = await ApplyAsync(report.Status, observed, PublishedStamp(observed));
                await HandOverAsync(handing, _record!.Version);
                return StatusReportOutcome.Applied;
            }
            catch (StatusWriteConflictException) when (attempt < MaxConflictRetries)
            {
                // Another activation of this EVSE (on a silo that was declared dead but still wrote) got there first:
                // adopt what is stored and judge the report again.
                Adopt(await statusStore.ReadAsync(_meta.LocationId, _meta.EvseUid!));
            }
        }
    }

    public async Task<EvseSnapshot> Define(EvseDefinition definition)
    {
        var state = _meta;
        var documentStamp = Timestamps.ToMilliseconds(definition.DocumentLastUpdated);
        var stampChanged = state.DocumentLastUpdated != documentStamp;
        var identityChanged = state.Adopt(definition.LocationId, definition.EvseUid, definition.EvseId, definition.CountryCode,
            definition.PartyId, definition.Publish, definition.Country, documentStamp);
        var dirty = identityChanged || stampChanged;
        if (identityChanged && _record is null)
        {
            Adopt(await statusStore.ReadAsync(definition.LocationId, definition.EvseUid));
        }

        // The document's status counts like a report observed at the document's last_updated.
        var observed = Timestamps.ToMilliseconds(definition.LastUpdated);
        if (_record is not null && observed > _horizon.At && definition.Status == _record.Status)
        {
            // The document repeats the status at a later time, and partners get that time in the Location PUT: a
            // report observed before it must not be applied (it would reach the partner as an older last_updated).
            _horizon.Saw(observed, definition.Status);
            state.Horizon = observed;
            dirty = true;
        }

        if (dirty)
        {
            await this.OrDeactivateAsync(estate.SaveEvseAsync(state.ToRow(this.GetPrimaryKeyString()))); // see GrainStateWrites
        }

        if (_record is null || (!_horizon.IsBefore(observed) && definition.Status != _record.Status && !_horizon.SawAlready(observed, definition.Status)))
        {
            try
            {
                // Published at the document's stamp at least: the Location PUT carries this status at that time.
                // Not awaited: a Location PUT reaches ordered partners with this status anyway.
                _ = await ApplyAsync(definition.Status, observed, Max(observed, documentStamp));
            }
            catch (StatusWriteConflictException)
            {
                Adopt(await statusStore.ReadAsync(definition.LocationId, definition.EvseUid));
            }
        }

        return ToSnapshot(_record!);
    }

    /// <summary>
    /// Identity from the EVSE's stored row (a bulk import or a Location put through this grain wrote it), kept in
    /// memory; the row is written only when something of the grain's own changes: a Define, a horizon. On a cluster
    /// the lookups of grains activating together share one query (the store's GroupReader), as do their status reads.
    /// </summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var state = _meta;
        var key = this.GetPrimaryKeyString();
        if (await estate.FindEvseAsync(key, cancellationToken) is { } stored)
        {
            state.Adopt(stored);
        }
        else if (EvseKey.LegacyEvse(key) is { } legacy && await estate.FindEvseAsync(legacy, cancellationToken) is { } before
            && EvseKey.Evse(before.LocationId, before.EvseUid) == key)
        {
            // Stored under the key it had before ids holding a '*' got their own separator, and it is this EVSE's.
            state.Adopt(before);
        }

        if (state.LocationId is { } locationId && state.EvseUid is { } evseUid)
        {
            _horizon = new(state.Horizon ?? DateTimeOffset.MinValue);
            Adopt(await statusStore.ReadAsync(locationId, evseUid, cancellationToken));
        }
    }

    /// <summary>What is stored is the EVSE's state: nothing observed before its last_updated applies any more.</summary>
    private void Adopt(EvseStatusRecord? stored)
    {
        _record = stored;
        if (stored is not null)
        {
            _horizon.Raise(stored.LastUpdated);
        }
    }

    public Task<EvseSnapshot?> GetSnapshot() =>
        Task.FromResult(_record is null ? null : ToSnapshot(_record));

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        activations.Deactivated();
        // Repeats advance the horizon in memory only (a write per repeat would double the write load); a graceful
        // deactivation (idle collection, shutdown, rebalancing) keeps it, so a late report is still judged against
        // it by the next activation. Only a crash loses it: then the horizon restarts at the last change.
        if (_record is not null && _horizon.At > _record.LastUpdated && _horizon.At > (_meta.Horizon ?? DateTimeOffset.MinValue))
        {
            _meta.Horizon = _horizon.At;
            await estate.RaiseEvseHorizonAsync(this.GetPrimaryKeyString(), _horizon.At, cancellationToken);
        }
    }

    /// <summary>
    /// The last_updated a change is stored and published with: its observation time, unless partners already hold
    /// the EVSE at that time or later from a Location PUT (an edit StatusGrid stamped because the CPO did not) — then
    /// just after it, so a partner never gets an older last_updated after a newer one.
    /// </summary>
    private DateTimeOffset PublishedStamp(DateTimeOffset observed) =>
        _meta.DocumentLastUpdated is { } document && observed <= document ? document.AddMilliseconds(1) : observed;

    /// <returns>The fan-out's hand-off to ordered partners (see <see cref="IStatusFanout.Publish"/>).</returns>
    private async Task<Task<bool>> ApplyAsync(Ocpi.Locations.EvseStatus status, DateTimeOffset observed, DateTimeOffset published)
    {
        var state = _meta;
        var isNew = _record is null;
        var stamp = ObservationHorizon.Stamp(published, _record?.LastUpdated);
        var next = new EvseStatusRecord(state.LocationId!, state.EvseUid!, status, stamp, (_record?.Version ?? 0) + 1);
        await statusStore.WriteAsync(next);
        _record = next;

        // Not raised to a stamp moved past a change observed at the same time: a third status observed then still
        // applies. Raised to a document's stamp (published after observed): what was observed before it is history.
        _horizon.Saw(observed, status);
        _horizon.Raise(published);

        return fanout.Publish(Change(next, isNew));
    }

    private EvseStatusChange Change(EvseStatusRecord record, bool isNew)
    {
        var state = _meta;
        return new EvseStatusChange(
            record.LocationId, record.EvseUid, state.CountryCode, state.PartyId, state.Publish, record.Status, record.LastUpdated, record.Version, isNew)
        {
            Country = state.Country,
            TraceParent = System.Diagnostics.Activity.Current is { Recorded: true, IdFormat: System.Diagnostics.ActivityIdFormat.W3C } current ? current.Id : null,
        };
    }

    /// <summary>The report is answered only once ordered partners hold the change; else the sender sends it again.</summary>
    private async Task HandOverAsync(Task<bool> handing, long version)
    {
        if (!await handing)
        {
            throw new TimeoutException("The change is stored but not yet handed to every ordered partner; report it again.");
        }

        _handedOver = Math.Max(_handedOver, version);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static EvseSnapshot ToSnapshot(EvseStatusRecord r) => new(r.LocationId, r.EvseUid, r.Status, r.LastUpdated, r.Version);
}
