namespace StatusGrid.Grains.ChargePoints;

/// <summary>What told the charge point grain that its station is alive.</summary>
public enum SignOfLife
{
    Connect,
    Boot,
    Frame,
}

/// <summary>What to do about asking a station for its status after a sign of life.</summary>
public enum StatusAsk
{
    Nothing,

    /// <summary>Start the boot wait; when it ends, ask for what the station has not reported (<see cref="StatusRequestRule.BootWaitOver"/>).</summary>
    WaitForBoot,
}

/// <summary>
/// When to ask a station for its connectors' status (TriggerMessage StatusNotification). Wanted when it is heard from
/// after it was declared offline (its EVSEs went UNKNOWN, and a station whose status did not change need not report,
/// OCPP 1.6 §4.9), and on every new connection of a station that booted before, however quick the reconnect: a 1.6
/// station does not reliably queue the StatusNotifications of changes made while its socket was down. A first
/// connection must boot, so it is not asked.
/// <para>
/// The station gets a boot wait from that sign of life to speak for itself: a BootNotification in it asks nothing (a
/// station that boots reports every connector afterwards, unasked), and when it ends the station is asked only for
/// the connectors it has not reported since (<see cref="Reported"/>): with a status observed since the wait began, not
/// one it queued while it was away, which says what was and may be followed by nothing (the reports a 1.6 station
/// dropped are why it is asked). A station back from a drop usually reports its connectors at once, and asking each
/// one of a reconnect storm anyway doubled the storm's traffic. The wait runs from the first sign of life, so a
/// station that only sends pings is asked all the same.
/// </para>
/// </summary>
public sealed class StatusRequestRule
{
    private readonly HashSet<(int EvseId, int ConnectorId)> _reported = [];
    private bool _wanted;
    private bool _waiting;
    private DateTimeOffset _since;

    public StatusAsk Heard(SignOfLife sign, bool wasOffline, bool bootedBefore, DateTimeOffset now)
    {
        if (sign == SignOfLife.Boot)
        {
            _wanted = false;
            return StatusAsk.Nothing;
        }

        _wanted |= wasOffline || (sign == SignOfLife.Connect && bootedBefore);
        if (!_wanted || _waiting)
        {
            return StatusAsk.Nothing;
        }

        _waiting = true;
        // Many stations stamp whole seconds: a report sent in the second the wait began may read as earlier.
        _since = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        _reported.Clear();
        return StatusAsk.WaitForBoot;
    }

    /// <summary>
    /// A fresh StatusNotification during the boot wait: that connector needs no asking if the status was observed
    /// since the second the wait began (by the station's clock, or receipt where it gives none; a clock behind only
    /// costs a CALL).
    /// </summary>
    public void Reported(int evseId, int connectorId, DateTimeOffset observedAt)
    {
        if (_waiting && observedAt >= _since)
        {
            _reported.Add((evseId, connectorId));
        }
    }

    /// <summary>
    /// The boot wait ended: the connectors reported during it, when the station is to be asked for the others; null
    /// when it is not to be asked (it booted meanwhile).
    /// </summary>
    public IReadOnlySet<(int EvseId, int ConnectorId)>? BootWaitOver()
    {
        _waiting = false;
        if (!_wanted)
        {
            return null;
        }

        _wanted = false;
        return _reported.ToHashSet();
    }
}
