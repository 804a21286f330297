namespace StatusGrid.Grains.ChargePoints;

/// <summary>
/// The grain side of <c>StatusGrid:Ocpp</c>. The server's OcppOptions extends it with the WebSocket settings and
/// owns the <c>SectionName</c>, so one section maps to one options class.
/// </summary>
public class ChargePointOptions
{
    public const string Section = "StatusGrid:Ocpp";

    /// <summary>The heartbeat interval a BootNotification is accepted with.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Silent for longer than this many heartbeat intervals → the charge point's EVSEs become UNKNOWN.</summary>
    public double OfflineAfterHeartbeats { get; set; } = 3;

    /// <summary>
    /// A station whose connection closed (it left, or stopped answering pings) and that has not reconnected within
    /// this long is offline, its EVSEs UNKNOWN, without waiting for the silence window: AFIR wants availability
    /// within a minute. Long enough that a quick reconnect does not flap. Not counted when our own server stops (the
    /// stations reconnect elsewhere). Zero: only silence counts.
    /// </summary>
    public TimeSpan OfflineAfterDisconnect { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Ask a station that comes back after it was declared offline, or that reconnects without booting, for its
    /// connectors' status (TriggerMessage), so that its EVSEs do not stay UNKNOWN, or keep a status that changed while
    /// its socket was down, until its next change. Off only for stations that mishandle TriggerMessage.
    /// </summary>
    public bool RequestStatusAfterOffline { get; set; } = true;
}
