using System.Collections.Immutable;
using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Contracts.Evses;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.ChargePoints;

/// <summary>The combined status to report for one of our EVSEs, and the observation time it stands for.</summary>
public sealed record EvseVerdict(EvseAddress Address, EvseStatus Status, DateTimeOffset ObservedAt);

/// <summary>
/// The last status of every connector of one charge point, and what each mapped EVSE's combined status is. Works on
/// the dictionary kept in grain state, so what it records is what gets persisted.
/// </summary>
public sealed class ConnectorBook(Dictionary<string, ConnectorRecord> records)
{
    // Set by the last Apply: the station (1.6 connector 0) came back Available from Unavailable or Faulted.
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

        _stationBackUp = key == ConnectorRecord.Key(0, 0) && report.State == ConnectorState.Available
            && held?.State is ConnectorState.Unavailable or ConnectorState.Faulted;

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

    /// <summary>Our EVSEs a report touches: 1.6 connector 0 (the station) touches all of them.</summary>
    public static IReadOnlyList<EvseAddress> Targets(ChargePointRegistration registration, OcppProtocol protocol, ConnectorStatusReport report)
    {
        if (protocol == OcppProtocol.Ocpp16)
        {
            return report.ConnectorId == 0
                ? Addresses(registration.Connectors16)
                : Addresses(registration.Connectors16.Where(m => m.OcppId == report.ConnectorId));
        }

        return Addresses(registration.Evses201.Where(m => m.OcppId == report.EvseId));
    }

    /// <summary>
    /// What to ask a station that came back from offline, so that each EVSE it maps is reported again. 1.6: one
    /// trigger for the whole station. 2.0.1 wants the EVSE named (F06.FR.13): one per connector of each mapped EVSE
    /// this book knows, or one for the EVSE when none of its connectors has reported yet.
    /// </summary>
    public ImmutableArray<StatusTrigger> StatusTriggers(ChargePointRegistration registration, OcppProtocol protocol)
    {
        if (protocol == OcppProtocol.Ocpp16)
        {
            return [StatusTrigger.WholeStation];
        }

        var triggers = ImmutableArray.CreateBuilder<StatusTrigger>();
        foreach (var evseId in registration.Evses201.Select(m => m.OcppId).Distinct().Order())
        {
            var connectors = records.Values.Where(r => r.EvseId == evseId && r.ConnectorId > 0).Select(r => r.ConnectorId).Order().ToList();
            if (connectors.Count == 0)
            {
                triggers.Add(new StatusTrigger(evseId, null));
            }

            triggers.AddRange(connectors.Select(c => new StatusTrigger(evseId, c)));
        }

        return triggers.ToImmutable();
    }

    /// <summary>Every EVSE this charge point maps, under either protocol.</summary>
    public static IReadOnlyList<EvseAddress> AllTargets(ChargePointRegistration registration) =>
        Addresses(registration.Connectors16.Concat(registration.Evses201));

    /// <summary>
    /// The combined status of one EVSE from what its connectors last said. Its time is the latest of their
    /// observations: that is the moment as of which all of them are known. Null when none of them has said anything,
    /// unless the station is down or has just come back up.
    /// </summary>
    public EvseVerdict? Combine(ChargePointRegistration registration, OcppProtocol protocol, EvseAddress address)
    {
        List<ConnectorRecord> connectors;
        ConnectorRecord? station = null;
        if (protocol == OcppProtocol.Ocpp16)
        {
            var ids = registration.Connectors16.Where(m => Same(m, address)).Select(m => m.OcppId).ToHashSet();
            connectors = [.. records.Values.Where(r => r.EvseId == 0 && ids.Contains(r.ConnectorId))];
            station = records.GetValueOrDefault(ConnectorRecord.Key(0, 0));
        }
        else
        {
            var ids = registration.Evses201.Where(m => Same(m, address)).Select(m => m.OcppId).ToHashSet();
            connectors = [.. records.Values.Where(r => r.EvseId != 0 && ids.Contains(r.EvseId))];
        }

        if (connectors.Count == 0)
        {
            // Without a word from its own connectors, an EVSE hears only the station: down (faulted or unavailable), or
            // back Available from down, which must lift the INOPERATIVE/OUTOFORDER it set. A plain Available (a 1.6
            // boot reports connector 0 first) says nothing, so it cannot flash an EVSE in use to AVAILABLE.
            if (_stationBackUp && station is { State: ConnectorState.Available })
            {
                return new EvseVerdict(address, EvseStatus.Available, station.ObservedAt);
            }

            if (station?.State is not (ConnectorState.Faulted or ConnectorState.Unavailable))
            {
                return null;
            }
        }

        var status = EvseStatusCombiner.Combine(connectors.Select(c => c.State), station?.State);
        var observed = connectors.Select(c => c.ObservedAt).Append(station?.ObservedAt ?? DateTimeOffset.MinValue).Max();
        return new EvseVerdict(address, status, observed);
    }

    private static bool Same(EvseMapping mapping, EvseAddress address) =>
        string.Equals(mapping.LocationId, address.LocationId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(mapping.EvseUid, address.EvseUid, StringComparison.OrdinalIgnoreCase);

    private static List<EvseAddress> Addresses(IEnumerable<EvseMapping> mappings) =>
        [.. mappings
            .Select(m => new EvseAddress(m.LocationId, m.EvseUid))
            .DistinctBy(a => EvseKey.Evse(a.LocationId, a.EvseUid))];
}
