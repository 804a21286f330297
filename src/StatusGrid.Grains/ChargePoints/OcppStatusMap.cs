using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.ChargePoints;

/// <summary>
/// One connector's OCPP status as an OCPI EVSE status (the table in the README). OCPI keeps a status only per EVSE and
/// an EVSE's connectors are used one at a time, so every "a car is on this connector" state is CHARGING.
/// </summary>
public static class OcppStatusMap
{
    public static EvseStatus ToOcpi(ConnectorState state) => state switch
    {
        ConnectorState.Available => EvseStatus.Available,
        ConnectorState.Preparing or ConnectorState.Charging or ConnectorState.SuspendedEV or ConnectorState.SuspendedEVSE
            or ConnectorState.Finishing or ConnectorState.Occupied => EvseStatus.Charging,
        ConnectorState.Reserved => EvseStatus.Reserved,
        ConnectorState.Unavailable => EvseStatus.Inoperative,
        ConnectorState.Faulted => EvseStatus.OutOfOrder,
        _ => EvseStatus.Unknown,
    };

    /// <summary>Out of service: Unavailable (INOPERATIVE) or Faulted (OUTOFORDER).</summary>
    public static bool IsDown(ConnectorState state) => state is ConnectorState.Unavailable or ConnectorState.Faulted;

    public static bool IsInUse(ConnectorState state) => ToOcpi(state) == EvseStatus.Charging;
}
