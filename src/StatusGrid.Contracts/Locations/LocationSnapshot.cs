using System.Collections.Immutable;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Contracts.Locations;

/// <summary>
/// A Location with live statuses, plus the status version of each EVSE it shows (by EVSE uid), so a partner that
/// receives this document can count those versions as delivered.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LocationSnapshot(
    [property: Id(0)] Location Location,
    [property: Id(1)] ImmutableDictionary<string, long> EvseVersions);
