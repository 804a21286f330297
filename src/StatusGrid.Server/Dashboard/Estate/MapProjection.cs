using System.Collections.Concurrent;
using System.Globalization;
using StatusGrid.Contracts.Locations;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Server.Dashboard.Estate;

/// <summary>From a Location with live statuses to what the public map may show; null for anything not to be shown.</summary>
public static class MapProjection
{
    public static MapLocation? From(LocationSnapshot snapshot)
    {
        var location = snapshot.Location;
        if (!location.Publish
            || !double.TryParse(location.Coordinates.Latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(location.Coordinates.Longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
        {
            return null;
        }

        var evses = (location.Evses ?? [])
            .Where(e => e.Status != EvseStatus.Removed)
            .Select(e => new MapEvse(e.Uid, e.EvseId, e.Connectors.Select(Connector).ToArray())
            {
                Status = e.Status,
                LastUpdated = e.LastUpdated,
                Version = snapshot.EvseVersions.GetValueOrDefault(e.Uid),
            })
            .ToList();
        return new MapLocation(location.Id, location.Name, location.Address, location.City, location.PostalCode, location.Country,
            location.Operator?.Name, lat, lon, evses);
    }

    public static double Kw(Connector connector)
    {
        if (connector.MaxElectricPower is { } watts)
        {
            return Math.Round(watts / 1000.0, 1);
        }

        // OCPI gives AC voltages line to neutral, so three phases carry three times one phase's power.
        var phases = connector.PowerType switch
        {
            PowerType.Ac3Phase => 3,
            PowerType.Ac2Phase or PowerType.Ac2PhaseSplit => 2,
            _ => 1,
        };
        return Math.Round((double)connector.MaxVoltage * connector.MaxAmperage * phases / 1000.0, 1);
    }

    /// <summary>
    /// Connectors are shared: a network has a few kinds (standard, power type, kW) and the map keeps one per EVSE for
    /// its whole estate, ≈ 9 MB at 100k EVSEs as copies. Bounded, so odd input cannot grow it without limit.
    /// </summary>
    private static MapConnector Connector(Connector c)
    {
        var connector = new MapConnector(c.Standard, c.PowerType, Kw(c));
        if (ConnectorKinds.TryGetValue(connector, out var shared))
        {
            return shared;
        }

        return ConnectorKinds.Count < MaxConnectorKinds ? ConnectorKinds.GetOrAdd(connector, connector) : connector;
    }

    private const int MaxConnectorKinds = 10_000;
    private static readonly ConcurrentDictionary<MapConnector, MapConnector> ConnectorKinds = new();
}
