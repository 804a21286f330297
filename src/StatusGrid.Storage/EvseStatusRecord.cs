using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Storage;

/// <summary>
/// The durable status of one EVSE. <see cref="Version"/> rises by one with every accepted change;
/// partner delivery compares it with the version last delivered to that partner.
/// </summary>
public sealed record EvseStatusRecord(
    string LocationId,
    string EvseUid,
    EvseStatus Status,
    DateTimeOffset LastUpdated,
    long Version);
