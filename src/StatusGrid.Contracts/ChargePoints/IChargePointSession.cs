using System.Collections.Immutable;

namespace StatusGrid.Contracts.ChargePoints;

/// <summary>The WebSocket of one charge point, on whichever silo accepted it.</summary>
public interface IChargePointSession : IGrainObserver
{
    /// <summary>A newer connection of the same identity took over (or the charge point was removed): close.</summary>
    Task Close(string reason);

    /// <summary>
    /// Asks the station to report its connectors' current status (TriggerMessage, one at a time). Returns at once;
    /// the station's StatusNotifications arrive as any other. Sent when a station comes back after it was declared
    /// offline: a station that did not change status meanwhile need not report (OCPP 1.6 §4.9), and its EVSEs
    /// would stay UNKNOWN until its next change.
    /// </summary>
    Task RequestStatus(ImmutableArray<StatusTrigger> triggers);
}
