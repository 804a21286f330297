using System.Collections.Immutable;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Contracts.Locations;

/// <summary>
/// One Location, keyed by <see cref="Evses.EvseKey.Location"/>. Holds the CPO's document; serves it with the live
/// EVSE statuses and an effective last_updated (the OCPI parent rule).
/// </summary>
public interface ILocationGrain : IGrainWithStringKey
{
    /// <summary>Stores a validated OCPI 2.2.1 Location and defines its EVSEs. Partners receive a PUT.</summary>
    Task<LocationPutOutcome> Put(Location location);

    /// <summary>
    /// Stores a Location edited from what <see cref="Get"/> answered (an admin part edit). The EVSEs named in
    /// <paramref name="statusesReadAt"/> carry the live status that read returned, not one the edit set: each counts
    /// as observed at the time given (its last_updated as read), so a report accepted since the read stays, however
    /// the edit raised the EVSE's last_updated. The other EVSEs' statuses count as in <see cref="Put"/>.
    /// </summary>
    Task<LocationPutOutcome> PutEdited(Location location, ImmutableDictionary<string, DateTimeOffset> statusesReadAt);

    /// <summary>The Location with current EVSE statuses, or null if never put.</summary>
    Task<LocationSnapshot?> Get();
}
