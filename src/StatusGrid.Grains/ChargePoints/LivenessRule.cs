namespace StatusGrid.Grains.ChargePoints;

/// <summary>
/// When a charge point counts as offline: silent (no frame at all, any PDU counts as a sign of life) for longer than
/// <c>OfflineAfterHeartbeats</c> heartbeat intervals, or disconnected for <c>OfflineAfterDisconnect</c>.
/// </summary>
public sealed record LivenessRule(TimeSpan HeartbeatInterval, double OfflineAfterHeartbeats, TimeSpan OfflineAfterDisconnect = default)
{
    public TimeSpan Window => HeartbeatInterval * OfflineAfterHeartbeats;

    /// <summary>How often an online charge point is checked: a quarter of the window, within 100 ms .. 30 s.</summary>
    public TimeSpan CheckPeriod =>
        TimeSpan.FromTicks(Math.Clamp(Window.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(30).Ticks));

    public bool IsSilent(DateTimeOffset lastSeen, DateTimeOffset now) => now - lastSeen > Window;

    /// <summary>Disconnected (the station left; null: connected, or we do not know) for long enough to count as offline.</summary>
    public bool IsGone(DateTimeOffset? disconnectedAt, DateTimeOffset now) =>
        OfflineAfterDisconnect > TimeSpan.Zero && disconnectedAt is { } at && now - at >= OfflineAfterDisconnect;

    public static LivenessRule From(ChargePointOptions options) =>
        new(options.HeartbeatInterval, options.OfflineAfterHeartbeats, options.OfflineAfterDisconnect);
}
