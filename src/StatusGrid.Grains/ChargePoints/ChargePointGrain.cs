using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Contracts.Evses;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;
using StatusGrid.Grains.Hosting;

namespace StatusGrid.Grains.ChargePoints;

/// <summary>
/// Thin shell over <see cref="ConnectorBook"/> and <see cref="LivenessRule"/>: one charge point, whichever silo its
/// WebSocket is on. Statuses go through the EVSE grains' report path, so duplicates, stale reports, durability and the
/// fan-out to partners and dashboards on every silo are theirs. Connector statuses live in <see cref="IConnectorStore"/>
/// (group-committed with every other station's), not in the grain state. The offline watchdog (heartbeat timer and
/// reminder) is in ChargePointGrain.Liveness.cs.
/// </summary>
public sealed partial class ChargePointGrain(
    [PersistentState("chargepoint", StorageNames.Grains)] IPersistentState<ChargePointState> state,
    IConnectorStore connectorStore,
    IOptionsMonitor<ChargePointOptions> options,
    TimeProvider time,
    ILogger<ChargePointGrain> logger) : Grain, IChargePointGrain, IRemindable
{
    private Guid? _sessionId;
    private IChargePointSession? _session;
    private DateTimeOffset? _lastSeen;
    private readonly Dictionary<string, ConnectorRecord> _connectors = [];

    private ConnectorBook Book => new(_connectors);

    private string StoreKey => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadConnectorsAsync(cancellationToken);
        _lastSeen = state.State.LastSeen;
        if (state.State.Registration is not null && !state.State.Offline && _lastSeen is not null)
        {
            // Re-activated (by the reminder, or after a silo died): keep watching until it is heard from or declared offline.
            await StartWatchAsync();
        }
    }

    public async Task Register(ChargePointRegistration registration)
    {
        state.State.Registration = registration;
        await state.WriteOrDeactivateAsync(this);
        await GrainFactory.GetGrain<IChargePointDirectoryGrain>(ChargePointDirectory.BucketFor(registration.Identity)).Add(registration.Identity);
    }

    public async Task<bool> Remove()
    {
        if (state.State.Registration is not { } registration)
        {
            return false;
        }

        _session?.Close("The charge point was removed.").Ignore();
        _session = null;
        _sessionId = null;
        await StopWatchAsync();
        await connectorStore.DeleteAsync(StoreKey);
        _connectors.Clear();
        await state.ClearOrDeactivateAsync(this);
        state.State = new ChargePointState();
        await GrainFactory.GetGrain<IChargePointDirectoryGrain>(ChargePointDirectory.BucketFor(registration.Identity)).Remove(registration.Identity);
        await GrainFactory.GetGrain<IChargePointDirectoryGrain>(ChargePointDirectory.Legacy).Remove(registration.Identity);
        DeactivateOnIdle();
        return true;
    }

    public Task<ChargePointRegistration?> GetRegistration()
    {
        // An unregistered identity is most likely a stranger's guess at the OCPP endpoint (a connect with a password
        // looks it up): its activation must not stay in memory until idle collection, one per guessed identity. A
        // Register that follows (the admin PUT looks the identity up first) finds a new activation, which reads what
        // was written.
        if (state.State.Registration is null)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(state.State.Registration);
    }

    public Task<ChargePointView?> GetView()
    {
        if (state.State.Registration is not { } r)
        {
            return Task.FromResult<ChargePointView?>(null);
        }

        var connectors = Book.Records
            .OrderBy(c => c.EvseId).ThenBy(c => c.ConnectorId)
            .Select(c => new ConnectorView(c.EvseId, c.ConnectorId, c.State, c.ObservedAt, c.ErrorCode))
            .ToArray();
        return Task.FromResult<ChargePointView?>(new ChargePointView(
            r.Identity, r.Connectors16, r.Evses201, _session is not null, state.State.Protocol, state.State.Offline,
            _lastSeen, state.State.Boot, [.. connectors]));
    }

    public async Task<ChargePointCallResult> Connect(Guid sessionId, OcppProtocol protocol, IChargePointSession session, DateTimeOffset openedAt)
    {
        if (state.State.Registration is null)
        {
            return ChargePointCallResult.NotRegistered;
        }

        if (_session is { } older && _sessionId != sessionId)
        {
            // One connection per identity: the newer one wins, wherever the older one lives (or died).
            older.Close("A newer connection of this charge point replaced this one.").Ignore();
            LogReplaced(state.State.Registration.Identity);
        }

        _session = session;
        _sessionId = sessionId;
        if (state.State.Protocol != protocol)
        {
            // A firmware change of protocol: connector numbering changes meaning, so start afresh.
            await connectorStore.DeleteAsync(StoreKey);
            Book.Clear();
            state.State.Protocol = protocol;
        }

        await TouchAsync(SignOfLife.Connect, bootedBefore: state.State.Boot is not null, openedAt);
        return ChargePointCallResult.Ok;
    }

    public Task Disconnect(Guid sessionId, bool stationLeft)
    {
        if (_sessionId == sessionId)
        {
            _session = null;
            _sessionId = null;
            _disconnectedAt = stationLeft ? time.GetUtcNow() : null;
            WatchDisconnect();
        }

        return Task.CompletedTask;
    }

    public async Task<ChargePointCallResult> Boot(Guid sessionId, BootInfo boot)
    {
        if (Check(sessionId, requireBoot: false) is { } refused)
        {
            return refused;
        }

        state.State.Boot = boot;
        state.State.TriggerNotImplemented = false;
        await TouchAsync(SignOfLife.Boot);
        return ChargePointCallResult.Ok;
    }

    public async Task<ChargePointCallResult> Heartbeat(Guid sessionId)
    {
        if (Check(sessionId, requireBoot: true) is { } refused)
        {
            return refused;
        }

        await TouchAsync(SignOfLife.Frame);
        return ChargePointCallResult.Ok;
    }

    public async Task<ChargePointCallResult> ReportStatus(Guid sessionId, ConnectorStatusReport report)
    {
        if (Check(sessionId, requireBoot: true) is { } refused)
        {
            return refused;
        }

        var registration = state.State.Registration!;
        var protocol = state.State.Protocol ?? OcppProtocol.Ocpp16;
        var book = Book;
        var fresh = book.Apply(report);
        if (fresh)
        {
            // Durable before the EVSEs hear of it: a twin-connector EVSE's combination needs this connector's status
            // after a silo failover. One group commit with the other stations' reports, not a grain-state write.
            await connectorStore.WriteAsync(_connectors[ConnectorRecord.Key(report.EvseId, report.ConnectorId)].ToRow(StoreKey));
        }

        await TouchAsync(SignOfLife.Frame);
        if (!fresh)
        {
            return ChargePointCallResult.Ok;
        }

        _statusRequests.Reported(report.EvseId, report.ConnectorId, report.ObservedAt);

        var targets = ConnectorBook.Targets(registration, protocol, report);
        if (targets.Count == 0)
        {
            LogUnmapped(registration.Identity, report.EvseId, report.ConnectorId);
        }

        foreach (var address in targets)
        {
            if (book.Combine(registration, protocol, address) is { } verdict)
            {
                await ReportAsync(verdict.Address, verdict.Status, verdict.ObservedAt);
            }
        }

        return ChargePointCallResult.Ok;
    }

    /// <summary>
    /// The connector book from the store. Grain state written before the store existed carried the book: it moves to
    /// the store once (the newer observation of a connector wins), then leaves the grain state.
    /// </summary>
    private async Task LoadConnectorsAsync(CancellationToken cancellationToken)
    {
        foreach (var row in await connectorStore.ReadAsync(StoreKey, cancellationToken))
        {
            if (ConnectorRecord.FromRow(row) is { } record)
            {
                _connectors[record.Key()] = record;
            }
        }

        if (state.State.Connectors.Count == 0)
        {
            return;
        }

        var moved = new List<Task>();
        foreach (var (key, legacy) in state.State.Connectors)
        {
            if (!_connectors.TryGetValue(key, out var held) || legacy.ObservedAt > held.ObservedAt)
            {
                _connectors[key] = legacy;
                moved.Add(connectorStore.WriteAsync(legacy.ToRow(StoreKey), cancellationToken)); // one group commit
            }
        }

        await Task.WhenAll(moved);
        state.State.Connectors.Clear();
        await state.WriteOrDeactivateAsync(this, cancellationToken);
    }

    private ChargePointCallResult? Check(Guid sessionId, bool requireBoot)
    {
        if (state.State.Registration is null)
        {
            return ChargePointCallResult.NotRegistered;
        }

        if (_sessionId is null)
        {
            return ChargePointCallResult.NotConnected;
        }

        if (_sessionId != sessionId)
        {
            return ChargePointCallResult.Superseded;
        }

        return requireBoot && state.State.Boot is null ? ChargePointCallResult.NotBooted : null;
    }

    private async Task ReportAsync(EvseAddress address, EvseStatus status, DateTimeOffset observedAt)
    {
        var key = EvseKey.Evse(address.LocationId, address.EvseUid);
        var observed = Timestamps.ToMilliseconds(observedAt);
        if (state.State.UnknownSince.TryGetValue(key, out var unknownAt) && observed <= unknownAt)
        {
            observed = unknownAt.AddMilliseconds(1);
        }

        var outcome = await GrainFactory.GetGrain<IEvseGrain>(key).ReportStatus(new StatusReport(status, observed));
        if (outcome == StatusReportOutcome.UnknownEvse)
        {
            LogUnknownEvse(state.State.Registration!.Identity, address.LocationId, address.EvseUid);
        }
        else if (outcome == StatusReportOutcome.RemovedEvse)
        {
            LogRemovedEvse(state.State.Registration!.Identity, address.LocationId, address.EvseUid, status);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Charge point {Identity}: a newer connection replaced the older one")]
    private partial void LogReplaced(string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charge point {Identity}: evse {EvseId} connector {ConnectorId} is mapped to none of our EVSEs")]
    private partial void LogUnmapped(string identity, int evseId, int connectorId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charge point {Identity} maps to EVSE {LocationId}/{EvseUid}, which no Location defines")]
    private partial void LogUnknownEvse(string identity, string locationId, string evseUid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charge point {Identity} reports {Status} for EVSE {LocationId}/{EvseUid}, which is REMOVED; not applied until a Location PUT lists it again")]
    private partial void LogRemovedEvse(string identity, string locationId, string evseUid, EvseStatus status);
}
