using Microsoft.Extensions.Logging;
using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Contracts.Evses;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Grains.Hosting;

namespace StatusGrid.Grains.ChargePoints;

/// <summary>
/// The offline watchdog of <see cref="ChargePointGrain"/>: every frame is a sign of life (<see cref="TouchAsync"/>);
/// a timer checks while the grain is active and a reminder brings it back on another silo, so a charge point silent
/// for longer than <see cref="LivenessRule.Window"/> is declared offline and its EVSEs UNKNOWN, whichever silo died.
/// </summary>
public sealed partial class ChargePointGrain
{
    private const string ReminderName = "liveness";
    private IGrainTimer? _timer;
    private bool _reminderSet;

    private readonly StatusRequestRule _statusRequests = new();

    /// <summary>When the station's connection closed, if it left (in memory: after a failover only silence counts).</summary>
    private DateTimeOffset? _disconnectedAt;

    private IGrainTimer? _disconnectTimer;

    /// <summary>How long a station that reconnected after being offline has to boot before it is asked for its status.</summary>
    private static readonly TimeSpan BootWait = TimeSpan.FromSeconds(5);

    private LivenessRule Liveness => LivenessRule.From(options.CurrentValue);

    public async Task CheckLiveness()
    {
        if (state.State.Registration is not { } registration || state.State.Offline || _lastSeen is not { } lastSeen)
        {
            await StopWatchAsync();
            return;
        }

        var now = time.GetUtcNow();
        var gone = _session is null && Liveness.IsGone(_disconnectedAt, now);
        if (!gone && !Liveness.IsSilent(lastSeen, now))
        {
            return;
        }

        if (gone)
        {
            LogDisconnectedOffline(registration.Identity, _disconnectedAt!.Value);
        }
        else
        {
            LogOffline(registration.Identity, lastSeen);
        }

        var at = Timestamps.ToMilliseconds(now);
        foreach (var address in ConnectorBook.AllTargets(registration))
        {
            await GrainFactory.GetGrain<IEvseGrain>(EvseKey.Evse(address.LocationId, address.EvseUid))
                .ReportStatus(new StatusReport(EvseStatus.Unknown, at));
            state.State.UnknownSince[EvseKey.Evse(address.LocationId, address.EvseUid)] = at;
        }

        state.State.Offline = true;
        state.State.LastSeen = lastSeen;
        await state.WriteOrDeactivateAsync(this);
        await StopWatchAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => CheckLiveness();

    /// <param name="openedAt">For a connection: when its socket opened, which the station's first reports may precede our clock by.</param>
    private async Task TouchAsync(SignOfLife sign, bool bootedBefore = false, DateTimeOffset? openedAt = null)
    {
        _lastSeen = time.GetUtcNow();
        _disconnectedAt = null;
        WatchDisconnect();
        var wasOffline = state.State.Offline;
        state.State.Offline = false;
        if (sign != SignOfLife.Frame || wasOffline)
        {
            state.State.LastSeen = _lastSeen;
            await state.WriteOrDeactivateAsync(this);
        }

        await StartWatchAsync();
        StartBootWait(_statusRequests.Heard(sign, wasOffline, bootedBefore, openedAt is { } opened && opened < _lastSeen.Value ? opened : _lastSeen.Value));
    }

    /// <summary>
    /// Asks the station for its status when <see cref="StatusRequestRule"/> says so: its EVSEs went UNKNOWN while it
    /// was silent, or its socket was down however briefly, and a station whose status did not change need not report
    /// (OCPP 1.6 §4.9), while a 1.6 station may drop the reports of what did. <see cref="BootWait"/> after that sign
    /// of life (<see cref="StartBootWait"/>), for the connectors it did not report meanwhile
    /// (<see cref="AskForStatus"/>); never a station known not to take TriggerMessage.
    /// </summary>
    private void StartBootWait(StatusAsk step)
    {
        if (step == StatusAsk.WaitForBoot)
        {
            this.RegisterGrainTimer(() =>
            {
                AskForStatus(_statusRequests.BootWaitOver());
                return Task.CompletedTask;
            }, new GrainTimerCreationOptions(BootWait, Timeout.InfiniteTimeSpan));
        }
    }

    private void AskForStatus(IReadOnlySet<(int EvseId, int ConnectorId)>? reported)
    {
        if (reported is null || !options.CurrentValue.RequestStatusAfterOffline || state.State.TriggerNotImplemented
            || _session is not { } session || state.State.Registration is not { } registration)
        {
            return;
        }

        var triggers = Book.StatusTriggers(registration, state.State.Protocol ?? OcppProtocol.Ocpp16, reported);
        if (triggers.Length > 0)
        {
            LogStatusRequested(registration.Identity, triggers.Length);
            session.RequestStatus(triggers).Ignore();
        }
    }

    public async Task TriggerNotImplemented(Guid sessionId)
    {
        if (Check(sessionId, requireBoot: false) is null && !state.State.TriggerNotImplemented)
        {
            state.State.TriggerNotImplemented = true;
            await state.WriteOrDeactivateAsync(this);
        }
    }

    private async Task StartWatchAsync()
    {
        var rule = Liveness;
        _timer ??= this.RegisterGrainTimer(_ => CheckLiveness(), new GrainTimerCreationOptions(rule.CheckPeriod, rule.CheckPeriod)
        {
            KeepAlive = true,
        });
        if (!_reminderSet)
        {
            // The timer dies with its silo; the reminder brings the grain back elsewhere to declare a station that
            // never reconnects offline. Orleans reminders tick at most once a minute.
            var period = rule.Window < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : rule.Window;
            await this.RegisterOrUpdateReminder(ReminderName, period, period);
            _reminderSet = true;
        }
    }

    /// <summary>
    /// One check when <c>OfflineAfterDisconnect</c> has passed since the station left (the periodic check may be up to
    /// 30 s away); none while it is connected.
    /// </summary>
    private void WatchDisconnect()
    {
        _disconnectTimer?.Dispose();
        _disconnectTimer = null;
        var grace = Liveness.OfflineAfterDisconnect;
        if (_disconnectedAt is { } at && grace > TimeSpan.Zero)
        {
            // Due when the grace ends by our clock; a timer that fires a hair early (its clock is not ours) re-arms.
            var due = at + grace - time.GetUtcNow();
            _disconnectTimer = this.RegisterGrainTimer(_ => CheckDisconnectAsync(),
                new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    private Task CheckDisconnectAsync()
    {
        if (_session is null && _disconnectedAt is { } at && !Liveness.IsGone(at, time.GetUtcNow()))
        {
            WatchDisconnect();
            return Task.CompletedTask;
        }

        return CheckLiveness();
    }

    private async Task StopWatchAsync()
    {
        _timer?.Dispose();
        _timer = null;
        if (_reminderSet || state.State.Registration is null)
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderSet = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Charge point {Identity} reconnected or is back after being offline: asked for the status it did not report ({Triggers} TriggerMessage)")]
    private partial void LogStatusRequested(string identity, int triggers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charge point {Identity} disconnected at {DisconnectedAt} and not back: its EVSEs are now UNKNOWN")]
    private partial void LogDisconnectedOffline(string identity, DateTimeOffset disconnectedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charge point {Identity} silent since {LastSeen}: its EVSEs are now UNKNOWN")]
    private partial void LogOffline(string identity, DateTimeOffset lastSeen);
}
