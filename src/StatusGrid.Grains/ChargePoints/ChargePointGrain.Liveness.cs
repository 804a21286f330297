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

    private LivenessRule Liveness => LivenessRule.From(options.CurrentValue);

    public async Task CheckLiveness()
    {
        if (state.State.Registration is not { } registration || state.State.Offline || _lastSeen is not { } lastSeen)
        {
            await StopWatchAsync();
            return;
        }

        var now = time.GetUtcNow();
        if (!Liveness.IsSilent(lastSeen, now))
        {
            return;
        }

        LogOffline(registration.Identity, lastSeen);
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

    private async Task TouchAsync(bool persist)
    {
        _lastSeen = time.GetUtcNow();
        var wasOffline = state.State.Offline;
        state.State.Offline = false;
        if (persist || wasOffline)
        {
            state.State.LastSeen = _lastSeen;
            await state.WriteOrDeactivateAsync(this);
        }

        await StartWatchAsync();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charge point {Identity} silent since {LastSeen}: its EVSEs are now UNKNOWN")]
    private partial void LogOffline(string identity, DateTimeOffset lastSeen);
}
