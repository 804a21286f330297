using StatusGrid.Contracts.Evses;

namespace StatusGrid.Grains.Partners;

/// <param name="Since">When this EVSE first became pending for the partner (kept across coalescing, for the age metric).</param>
public sealed record PendingChange(EvseStatusChange Change, DateTimeOffset Since)
{
    /// <summary>
    /// Checks of the partner's copy still due before this state goes again: it was sent and the outcome is unknown (no
    /// answer, a gateway's 502/504, a hub's 4002), so the partner may hold it already. 0: send it.
    /// </summary>
    public int ChecksLeft { get; init; }
}
