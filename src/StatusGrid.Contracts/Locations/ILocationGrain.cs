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

    /// <summary>The Location with current EVSE statuses, or null if never put.</summary>
    Task<LocationSnapshot?> Get();
}
