namespace StatusGrid.Contracts.ChargePoints;

[GenerateSerializer]
public enum ChargePointCallResult
{
    /// <summary>Handled; for a StatusNotification the resulting EVSE status is durable.</summary>
    Ok,

    /// <summary>This connection was replaced by a newer one of the same identity: it must close.</summary>
    Superseded,

    /// <summary>The station never sent a BootNotification: OCPP answers SecurityError.</summary>
    NotBooted,

    /// <summary>The identity is no longer registered: the connection must close.</summary>
    NotRegistered,

    /// <summary>
    /// This activation of the grain knows no connection: it re-activated (its silo died, or it was collected) while the
    /// station's socket lived on. The session connects again and repeats the call, rather than being closed.
    /// </summary>
    NotConnected,
}
