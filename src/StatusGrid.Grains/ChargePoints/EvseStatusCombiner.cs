using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.ChargePoints;

/// <summary>
/// The connector statuses of one EVSE as one OCPI status. Priority, first match wins:
/// any connector in use → CHARGING; a level above the connectors out of service (the station: 1.6 connector 0 or
/// 2.0.1 component ChargingStation; the 2.0.1 EVSE itself) → INOPERATIVE if one is Unavailable, else OUTOFORDER; any
/// Reserved → RESERVED; any Available → AVAILABLE; any Unavailable → INOPERATIVE; any Faulted → OUTOFORDER; nothing
/// known → UNKNOWN. A faulted connector beside a free one leaves the EVSE AVAILABLE: a driver can still charge there.
/// </summary>
public static class EvseStatusCombiner
{
    private static readonly EvseStatus[] Priority =
        [EvseStatus.Charging, EvseStatus.Reserved, EvseStatus.Available, EvseStatus.Inoperative, EvseStatus.OutOfOrder];

    public static EvseStatus Combine(IEnumerable<ConnectorState> connectors, IEnumerable<ConnectorState>? levels = null)
    {
        var present = connectors.Select(OcppStatusMap.ToOcpi).ToHashSet();
        if (present.Contains(EvseStatus.Charging))
        {
            return EvseStatus.Charging;
        }

        // A level out of service holds for every connector under it; its Available or Occupied says nothing about them.
        var down = (levels ?? []).Where(OcppStatusMap.IsDown).Select(OcppStatusMap.ToOcpi).ToHashSet();
        return First(down.Count > 0 ? down : present);
    }

    private static EvseStatus First(HashSet<EvseStatus> present) => Priority.FirstOrDefault(present.Contains, EvseStatus.Unknown);
}
