using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.GrainDirectory;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Fanout;
using StatusGrid.Grains.Hosting;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// One partner's push pipeline as a grain: API, lifecycle, timers and persistence around <see cref="PushPipeline"/>,
/// which decides what to send and what each answer means. What the partner holds (or refused) is recorded in the
/// delivery ledger, so after a crash the backlog is re-derived from it (current version &gt; settled version).
/// Reentrant: requests interleave; pipeline state is touched only on the grain's turn.
/// </summary>
[Reentrant]
[GrainDirectory(GrainDirectoryName = SingleActivation.DirectoryName)] // two activations would push from two backlogs
public sealed partial class PartnerGrain(
    [PersistentState("partner", StorageNames.Grains)] IPersistentState<PartnerState> state,
    [PersistentState("partnerqueue", StorageNames.Grains)] IPersistentState<OrderedQueueState> queueState,
    IPartnerQueueStore queueStore,
    OcpiPushClient client,
    IDeliveryLedger ledger,
    PartnerWorkSource source,
    IOptions<PushOptions> options,
    IOptions<FanoutOptions> fanoutOptions,
    TimeProvider time,
    ILogger<PartnerGrain> logger) : Grain, IPartnerGrain
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MetricsReportInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan VerifyRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>Long loops over a backlog give other turns a chance this often.</summary>
    private const int YieldEvery = 2_000;

    private readonly SemaphoreSlim _writes = new(1, 1);
    private PushPipeline _pipeline = null!;
    private IGrainTimer? _pumpTimer;
    private IGrainTimer? _reconcileTimer;
    private Task? _reconciling;
    private Task? _verifying;
    private Task? _recording;
    private List<DeliveredVersion> _unrecorded = [];
    private DateTimeOffset _verifyAfter;
    private DateTimeOffset _reportedAt;
    private bool _deactivating;

    private string PartnerId => this.GetPrimaryKeyString();

    private PushOptions Options => options.Value;

    private PartnerConfig? Receiving => state.State.Config is { Enabled: true, LocationsUrl: not null } config ? config : null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _pipeline = new PushPipeline(Options);
        _pipeline.Stamps.Restore(state.State.SentFloors);
        _floorsStored = _pipeline.Stamps.Changes; // before any write: each one stores the floors as they are then
        await ClaimSendingAsync();
        _pipeline.Rejections.Load(state.State.Rejections);
        // The first save also says "every head uncertain" (a list of uncertain heads holds only while nothing is sent:
        // from now on a crash could leave any head at the partner unrecorded).
        await RestoreQueueAsync();

        foreach (var refused in state.State.Rejections.Where(r => r.EvseUid is null))
        {
            _pipeline.Gate.MarkRejected(EvseBacklog.LocationKey(refused.LocationId));
        }

        if (state.State.Config is { } config)
        {
            // The fan-out routes by the directory's entry; one written by an older version (or a write that failed)
            // may not match the stored configuration, e.g. say "latest" for an ordered partner.
            await PublishSubscriptionAsync(config);
        }

        if (Receiving is not null)
        {
            // Before anything is sent: a party its hub reports away gets nothing.
            await RefreshHubStatusAsync();
            // Not awaited: the activation (and whoever woke it) need not wait for a ledger scan.
            StartReconciling();
            _ = ReconcileOnceAsync();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Requests of this activation must end before another activation may send: one still on the network could
        // otherwise arrive after a newer state the next activation sent. They end within the request timeout.
        _deactivating = true;
        await WaitForRequestsInFlightAsync(time.GetUtcNow() + Options.RequestTimeout + TimeSpan.FromSeconds(1), cancellationToken);

        // Offers this activation already accepted finish (and are stored) first; the semaphore is never released, the
        // activation is ending. The next activation must start from a queue holding them and no delivered message.
        await _offers.WaitAsync(CancellationToken.None);
        if (_savingQueue is { IsCompleted: false } saving)
        {
            await saving;
        }

        if (_ordered.InFlight == 0 && _ordered.Count > 0)
        {
            // Nothing is in flight and nothing more goes: the next activation need check only the heads whose answer
            // was lost, not every head.
            await SaveQueueAsync(stopped: true);
        }

        // What this activation delivered is in the ledger before the next one reads it (it sends less again).
        if (_recording is { IsCompleted: false } recording)
        {
            await recording;
        }

        await ReleaseSendingAsync();
        PushMetrics.Forget(PartnerId);
    }

    /// <summary>Until no request of this activation is on the network, or <paramref name="deadline"/>.</summary>
    private async Task WaitForRequestsInFlightAsync(DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        while (_pipeline.InFlight + _ordered.InFlight > 0 && time.GetUtcNow() < deadline && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(DrainPoll, time, CancellationToken.None);
        }
    }

    public Task<PartnerConfig?> GetConfig() => Task.FromResult(state.State.Config);

    public async Task Remove()
    {
        await GrainFactory.GetGrain<IPartnerDirectoryGrain>(0).Remove(PartnerId);
        await _writes.WaitAsync();
        try
        {
            await state.ClearStateAsync();
        }
        finally
        {
            _writes.Release();
        }

        await DeleteQueueAsync();
        StopTimers();
        _pipeline.Backlog.DropPending();
        _pipeline.Gate.DropPending();
        PushMetrics.Forget(PartnerId);
        DeactivateOnIdle();
    }

    public async Task EnqueueStatusChanges(ImmutableArray<EvseStatusChange> changes)
    {
        if (Receiving is null)
        {
            return; // pull-only, disabled, removed, or a stale directory entry
        }

        if (IsOrdered)
        {
            // Persisted before this call returns: the report is acknowledged only then. A queue write that failed
            // refuses the hand-off (sending goes on from memory); the fan-out hands it over again, which queues
            // nothing twice and writes the queue again.
            var stored = await OfferOrderedAsync([.. changes.Where(c => !c.IsNew)]);
            Pump();
            if (!stored)
            {
                throw new InvalidOperationException($"The ordered queue of partner {PartnerId} could not be stored; hand the changes over again.");
            }

            return;
        }

        var now = time.GetUtcNow();
        foreach (var change in changes)
        {
            if (_pipeline.Offer(change, now))
            {
                PushMetrics.CoalescedOne(PartnerId);
            }
        }

        Pump();
    }

    public async Task EnqueueLocationPuts(ImmutableArray<string> locationIds)
    {
        if (Receiving is not null)
        {
            await OfferPutsAsync(locationIds);
            Pump();
        }
    }

    public Task<PartnerHealth> GetHealth() => Task.FromResult(Health(time.GetUtcNow()));

    public Task Reconcile() => Receiving is null ? Task.CompletedTask : ReconcileOnceAsync();

    public async Task<int> Resync()
    {
        if (Receiving is not { } config)
        {
            return 0;
        }

        _pipeline.ForgetRejections();
        await SaveRejectionsAsync();
        // The withdrawals too: a refused one is settled, so neither reconcile nor a visible Location's PUT sent it
        // again, and the partner went on showing a Location it may no longer see.
        List<string> ids = [.. await source.LocationIdsAsync(config.Filter), .. await source.WithdrawnLocationIdsAsync(PartnerId, config.Filter)];
        await OfferPutsAsync(ids);
        Pump();
        return ids.Count;
    }

    /// <summary>PUTs for changed locations (or an admin's resync): an earlier refusal of the location no longer holds.</summary>
    private Task OfferPutsAsync(IEnumerable<string> locationIds)
    {
        if (IsOrdered)
        {
            return OfferOrderedPutsAsync(locationIds);
        }

        OfferPuts(locationIds);
        return Task.CompletedTask;
    }

    private void OfferPuts(IEnumerable<string> locationIds)
    {
        var now = time.GetUtcNow();
        foreach (var id in locationIds)
        {
            _pipeline.OfferPut(id, now, changed: true);
        }
    }
}
