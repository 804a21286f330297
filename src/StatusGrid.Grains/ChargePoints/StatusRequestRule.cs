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

    /// <summary>A connection opened: give the station <c>BootWait</c> to boot, then ask if no frame came.</summary>
    WaitForBoot,

    Ask,
}

/// <summary>
/// When to ask a station for its connectors' status (TriggerMessage StatusNotification). Wanted when it is heard from
/// after it was declared offline (its EVSEs went UNKNOWN, and a station whose status did not change need not report,
/// OCPP 1.6 §4.9), and on every new connection of a station that booted before, however quick the reconnect: a 1.6
/// station does not reliably queue the StatusNotifications of changes made while its socket was down. Asked once, on
/// the first frame after that, or when the boot wait ends if none came; not when that frame is a BootNotification (a
/// station that boots reports every connector afterwards, unasked). A first connection must boot, so it is not asked.
/// </summary>
public sealed class StatusRequestRule
{
    private bool _wanted;

    public StatusAsk Heard(SignOfLife sign, bool wasOffline, bool bootedBefore)
    {
        _wanted |= wasOffline || (sign == SignOfLife.Connect && bootedBefore);
        if (!_wanted)
        {
            return StatusAsk.Nothing;
        }

        if (sign == SignOfLife.Connect)
        {
            return StatusAsk.WaitForBoot;
        }

        _wanted = false;
        return sign == SignOfLife.Boot ? StatusAsk.Nothing : StatusAsk.Ask;
    }

    /// <summary>The boot wait after a connection ended: ask, unless a frame already led to asking (or a boot).</summary>
    public StatusAsk BootWaitOver() => Heard(SignOfLife.Frame, wasOffline: false, bootedBefore: false);
}
