namespace StatusGrid.Grains.ChargePoints;

/// <summary>
/// When a charge point counts as offline: silent (no frame at all, any PDU counts as a sign of life) for longer than
/// <c>OfflineAfterHeartbeats</c> heartbeat intervals.
/// </summary>
public sealed record LivenessRule(TimeSpan HeartbeatInterval, double OfflineAfterHeartbeats)
{
    public TimeSpan Window => HeartbeatInterval * OfflineAfterHeartbeats;

    /// <summary>How often an online charge point is checked: a quarter of the window, within 100 ms .. 30 s.</summary>
    public TimeSpan CheckPeriod =>
        TimeSpan.FromTicks(Math.Clamp(Window.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(30).Ticks));

    public bool IsSilent(DateTimeOffset lastSeen, DateTimeOffset now) => now - lastSeen > Window;

    public static LivenessRule From(ChargePointOptions options) => new(options.HeartbeatInterval, options.OfflineAfterHeartbeats);
}
