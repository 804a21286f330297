using System.Collections.Immutable;
using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Contracts.Evses;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.ChargePoints;

/// <summary>The combined status to report for one of our EVSEs, and the observation time it stands for.</summary>
public sealed record EvseVerdict(EvseAddress Address, EvseStatus Status, DateTimeOffset ObservedAt);

/// <summary>
/// The last status of every connector of one charge point, and what each mapped EVSE's combined status is. Works on
/// the dictionary kept in grain state, so what it records is what gets persisted. Besides connectors it keeps the
/// levels above them under connector number 0: the station (1.6 connector 0; 2.0.1 AvailabilityState of component
/// ChargingStation, kept as EVSE 0) and, in 2.0.1, each EVSE (AvailabilityState of component EVSE). A level's status
/// never replaces a connector's: each is a record of its own.
/// </summary>
public sealed class ConnectorBook(Dictionary<string, ConnectorRecord> records)
{
    private static readonly string StationKey = ConnectorRecord.Key(0, 0);

    // Set by the last Apply: the station came back in service from Unavailable or Faulted.
    private bool _stationBackUp;

    public IReadOnlyCollection<ConnectorRecord> Records => records.Values;

    /// <summary>
    /// Records a report. False when the connector already holds a status observed later (a stale report, ignored as
    /// ingest ignores one).
    /// </summary>
    public bool Apply(ConnectorStatusReport report)
    {
        _stationBackUp = false;
        var key = ConnectorRecord.Key(report.EvseId, report.ConnectorId);
        if (records.TryGetValue(key, out var held) && report.ObservedAt < held.ObservedAt)
        {
            return false;
        }

        _stationBackUp = key == StationKey && !OcppStatusMap.IsDown(report.State) && held is not null && OcppStatusMap.IsDown(held.State);

        records[key] = new ConnectorRecord
        {
            EvseId = report.EvseId,
            ConnectorId = report.ConnectorId,
            State = report.State,
            ObservedAt = report.ObservedAt,
            ErrorCode = report.ErrorCode,
        };
        return true;
    }

    public void Clear() => records.Clear();

    /// <summary>
    /// Our EVSEs a report touches: the station (1.6 connector 0, 2.0.1 EVSE 0) touches all of them; otherwise those
    /// the 1.6 connector or the 2.0.1 EVSE maps.
    /// </summary>
    public static IReadOnlyList<EvseAddress> Targets(ChargePointRegistration registration, OcppProtocol protocol, ConnectorStatusReport report)
    {
        var (mappings, number) = protocol == OcppProtocol.Ocpp16
            ? (registration.Connectors16, report.ConnectorId)
            : (registration.Evses201, report.EvseId);
        return number == 0 ? Addresses(mappings) : Addresses(mappings.Where(m => m.OcppId == number));
    }

    /// <summary>
    /// What to ask a station that came back, so that each EVSE it maps is reported again, leaving out what it
    /// reported since (<paramref name="reported"/>, as (EVSE, connector) of the reports). 1.6: one trigger for the
    /// whole station when it reported none of its mapped connectors or its own level is down (only the station's
    /// report lifts that, and 1.6 triggers connector 0 only with the rest); else one per connector it did not report.
    /// 2.0.1 wants the EVSE named (F06.FR.13): one per unreported connector of each mapped EVSE this book knows, or
    /// one for the EVSE when none of its connectors has reported yet.
    /// </summary>
    public ImmutableArray<StatusTrigger> StatusTriggers(
        ChargePointRegistration registration, OcppProtocol protocol, IReadOnlySet<(int EvseId, int ConnectorId)> reported)
    {
        if (protocol == OcppProtocol.Ocpp16)
        {
            var mapped = registration.Connectors16.Select(m => m.OcppId).Distinct().Order().ToList();
            var unreported = mapped.Where(c => !reported.Contains((0, c))).ToList();
            var stationDown = records.TryGetValue(StationKey, out var station) && OcppStatusMap.IsDown(station.State)
                && !reported.Contains((0, 0));
            if (stationDown || (unreported.Count == mapped.Count && mapped.Count > 0))
            {
                return [StatusTrigger.WholeStation];
            }

            return [.. unreported.Select(c => new StatusTrigger(null, c))];
        }

        var triggers = ImmutableArray.CreateBuilder<StatusTrigger>();
        foreach (var evseId in registration.Evses201.Select(m => m.OcppId).Distinct().Order())
        {
            var connectors = records.Values.Where(r => r.EvseId == evseId && r.ConnectorId > 0).Select(r => r.ConnectorId).Order().ToList();
            if (connectors.Count == 0)
            {
                // Had it reported one since, the book would know that connector.
                triggers.Add(new StatusTrigger(evseId, null));
            }

            triggers.AddRange(connectors.Where(c => !reported.Contains((evseId, c))).Select(c => new StatusTrigger(evseId, c)));
        }

        return triggers.ToImmutable();
    }

    /// <summary>Every EVSE this charge point maps, under either protocol.</summary>
    public static IReadOnlyList<EvseAddress> AllTargets(ChargePointRegistration registration) =>
        Addresses(registration.Connectors16.Concat(registration.Evses201));

    /// <summary>
    /// The combined status of one EVSE from what its connectors and the levels above them last said
    /// (<see cref="EvseStatusCombiner"/>). Its time is the latest of their observations: that is the moment as of
    /// which all of them are known. Null when none of them has said anything, unless a level is down or the station
    /// has just come back up.
    /// </summary>
    public EvseVerdict? Combine(ChargePointRegistration registration, OcppProtocol protocol, EvseAddress address)
    {
        var is16 = protocol == OcppProtocol.Ocpp16;
        var ids = (is16 ? registration.Connectors16 : registration.Evses201).Where(m => Same(m, address)).Select(m => m.OcppId).ToHashSet();

        // 1.6 numbers connectors across the station (EVSE 0); a 2.0.1 connector is numbered within its EVSE, whose own
        // record is connector 0. Mapped ids are at least 1, so the station's record is neither.
        List<ConnectorRecord> connectors = [.. records.Values.Where(r => is16 ? r.EvseId == 0 && ids.Contains(r.ConnectorId) : r.ConnectorId != 0 && ids.Contains(r.EvseId))];
        List<ConnectorRecord> evses = is16 ? [] : [.. records.Values.Where(r => r.ConnectorId == 0 && ids.Contains(r.EvseId))];
        List<ConnectorRecord> levels = records.TryGetValue(StationKey, out var station) ? [.. evses, station] : evses;
        var observed = connectors.Concat(levels).Select(r => r.ObservedAt).DefaultIfEmpty(DateTimeOffset.MinValue).Max();

        if (connectors.Count == 0)
        {
            // No word from its own connectors: the EVSE's own AvailabilityState (2.0.1) stands for them. Otherwise it
            // hears only the station: down (faulted or unavailable), or back in service from down, which must lift the
            // INOPERATIVE/OUTOFORDER it set. A plain Available (a 1.6 boot reports connector 0 first) says nothing, so
            // it cannot flash an EVSE in use to AVAILABLE.
            connectors = evses;
            if (connectors.Count == 0 && !levels.Any(l => OcppStatusMap.IsDown(l.State)))
            {
                return _stationBackUp && station is not null ? new EvseVerdict(address, OcppStatusMap.ToOcpi(station.State), observed) : null;
            }
        }

        return new EvseVerdict(address, EvseStatusCombiner.Combine(connectors.Select(c => c.State), levels.Select(l => l.State)), observed);
    }

    private static bool Same(EvseMapping mapping, EvseAddress address) =>
        string.Equals(mapping.LocationId, address.LocationId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(mapping.EvseUid, address.EvseUid, StringComparison.OrdinalIgnoreCase);

    private static List<EvseAddress> Addresses(IEnumerable<EvseMapping> mappings) =>
        [.. mappings
            .Select(m => new EvseAddress(m.LocationId, m.EvseUid))
            .DistinctBy(a => EvseKey.Evse(a.LocationId, a.EvseUid))];
}
