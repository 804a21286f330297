namespace StatusGrid.Grains.ChargePoints;

/// <summary>The grain side of <c>StatusGrid:Ocpp</c> (the WebSocket side is bound by the server).</summary>
public sealed class ChargePointOptions
{
    public const string SectionName = "StatusGrid:Ocpp";

    /// <summary>The heartbeat interval a BootNotification is accepted with.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Silent for longer than this many heartbeat intervals → the charge point's EVSEs become UNKNOWN.</summary>
    public double OfflineAfterHeartbeats { get; set; } = 3;
}
