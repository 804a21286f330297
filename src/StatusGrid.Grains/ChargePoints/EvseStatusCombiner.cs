using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.ChargePoints;

/// <summary>
/// The connector statuses of one EVSE as one OCPI status. Priority, first match wins:
/// any connector in use → CHARGING; the station itself (1.6 connector 0) Faulted → OUTOFORDER or Unavailable →
/// INOPERATIVE; any Reserved → RESERVED; any Available → AVAILABLE; any Unavailable → INOPERATIVE; any Faulted →
/// OUTOFORDER; nothing known → UNKNOWN. A faulted connector beside a free one leaves the EVSE AVAILABLE: a driver can
/// still charge there.
/// </summary>
public static class EvseStatusCombiner
{
    private static readonly EvseStatus[] Priority =
        [EvseStatus.Charging, EvseStatus.Reserved, EvseStatus.Available, EvseStatus.Inoperative, EvseStatus.OutOfOrder];

    public static EvseStatus Combine(IEnumerable<ConnectorState> connectors, ConnectorState? station = null)
    {
        var present = connectors.Select(OcppStatusMap.ToOcpi).ToHashSet();
        if (present.Contains(EvseStatus.Charging))
        {
            return EvseStatus.Charging;
        }

        // 1.6 connector 0 reports the whole station: Unavailable/Faulted there hold for all of its EVSEs.
        if (station is ConnectorState.Faulted or ConnectorState.Unavailable)
        {
            return OcppStatusMap.ToOcpi(station.Value);
        }

        foreach (var status in Priority)
        {
            if (present.Contains(status))
            {
                return status;
            }
        }

        return EvseStatus.Unknown;
    }
}
