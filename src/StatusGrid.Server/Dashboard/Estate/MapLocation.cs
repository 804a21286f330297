using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Server.Dashboard.Estate;

/// <summary>
/// A published location as the public map shows it: only what a driver needs to find a charger (no owner, tariffs,
/// images, opening-hours exceptions or any partner data). Unpublished locations never become one.
/// </summary>
public sealed record MapLocation(
    string Id,
    string? Name,
    string Address,
    string City,
    string? PostalCode,
    string Country,
    string? Operator,
    double Latitude,
    double Longitude,
    IReadOnlyList<MapEvse> Evses);

/// <summary>One EVSE of a <see cref="MapLocation"/>. Status fields change in place, under the estate's lock.</summary>
public sealed class MapEvse(string uid, string? evseId, IReadOnlyList<MapConnector> connectors)
{
    public string Uid { get; } = uid;

    public string? EvseId { get; } = evseId;

    public IReadOnlyList<MapConnector> Connectors { get; } = connectors;

    public EvseStatus Status { get; set; }

    public DateTimeOffset LastUpdated { get; set; }

    /// <summary>The status version (0 when the document had no live status yet); a lower one never overwrites a higher.</summary>
    public long Version { get; set; }
}

/// <param name="Kw">Maximum power in kW: max_electric_power when given, else derived from voltage, amperage and phases.</param>
public sealed record MapConnector(string Standard, PowerType PowerType, double Kw);
