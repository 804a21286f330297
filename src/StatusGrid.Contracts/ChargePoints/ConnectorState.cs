namespace StatusGrid.Contracts.ChargePoints;

/// <summary>
/// A connector's OCPP status, both versions in one enum. 2.0.1 knows only Available, Occupied, Reserved, Unavailable
/// and Faulted; 1.6 splits "occupied" into Preparing, Charging, SuspendedEV, SuspendedEVSE and Finishing.
/// </summary>
[GenerateSerializer]
public enum ConnectorState
{
    Available,
    Preparing,
    Charging,
    SuspendedEV,
    SuspendedEVSE,
    Finishing,
    Occupied,
    Reserved,
    Unavailable,
    Faulted,
}
