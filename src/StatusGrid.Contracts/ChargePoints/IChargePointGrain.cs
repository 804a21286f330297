namespace StatusGrid.Contracts.ChargePoints;

/// <summary>
/// One charge point, keyed by <see cref="ChargePointKey.For"/>. Holds its registration, boot info, connection and the
/// last status of each connector, and reports the combined status of each mapped EVSE through the EVSE grains.
/// </summary>
public interface IChargePointGrain : IGrainWithStringKey
{
    Task Register(ChargePointRegistration registration);

    /// <summary>Forgets the charge point and closes its connection. Returns false when it was not registered.</summary>
    Task<bool> Remove();

    Task<ChargePointRegistration?> GetRegistration();

    Task<ChargePointView?> GetView();

    /// <summary>
    /// A connection authenticated: it becomes the only one; an older one is told to close. <paramref name="openedAt"/>:
    /// when its socket opened (the station may report before this call arrives; a report observed since is current).
    /// </summary>
    Task<ChargePointCallResult> Connect(Guid sessionId, OcppProtocol protocol, IChargePointSession session, DateTimeOffset openedAt);

    /// <summary>
    /// The connection ended. <paramref name="stationLeft"/>: the station closed it or stopped answering (it counts
    /// toward <c>OfflineAfterDisconnect</c>); false when our server is stopping, where stations reconnect elsewhere.
    /// </summary>
    Task Disconnect(Guid sessionId, bool stationLeft);

    Task<ChargePointCallResult> Boot(Guid sessionId, BootInfo boot);

    Task<ChargePointCallResult> Heartbeat(Guid sessionId);

    /// <summary>Returns only once the EVSE status this report leads to is durable.</summary>
    Task<ChargePointCallResult> ReportStatus(Guid sessionId, ConnectorStatusReport report);

    /// <summary>
    /// The station answered TriggerMessage with NotImplemented: it is asked nothing more until its next
    /// BootNotification.
    /// </summary>
    Task TriggerNotImplemented(Guid sessionId);

    /// <summary>Runs the silence check now (the timer and the reminder call the same code).</summary>
    Task CheckLiveness();
}
