using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// The EVSEs this partner's OCPI version cannot represent (every connector of a 2.3.0-only type, e.g. MCS, for a
/// 2.2.1 or 2.1.1 partner): its Location PUTs carry them <c>REMOVED</c> (<see cref="LocationShapes.AsPushed"/>), so a
/// partner that held one stops showing it, and their status changes are settled without a PATCH, which would bring
/// the EVSE back at the partner (or, where it never was, be answered 404 and bring one more PUT, for every status
/// change). Learnt from each Location this grain PUTs (a PUT also follows any edit of the Location), and before this
/// activation's first PATCH of a Location it has not PUT (<see cref="Knows"/>): an activation that PATCHed first
/// resurrected a REMOVED EVSE with its live status.
/// </summary>
internal sealed class UnrepresentableEvses
{
    // A learnt Location without such EVSEs has no set: most Locations, one entry each for the activation's life.
    private readonly Dictionary<string, HashSet<string>?> _byLocation = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Locations learnt that have such EVSEs.</summary>
    public int Count => _byLocation.Values.Count(v => v is not null);

    /// <summary>What the Location about to be PUT (or PATCHed first) says (replaces what was known of it).</summary>
    public void Learn(Location location, OcpiVersion version)
    {
        if (version == OcpiVersion.V230)
        {
            return; // it represents every EVSE: nothing to learn, nothing kept
        }

        HashSet<string>? left = null;
        foreach (var evse in location.Evses ?? [])
        {
            if (!LocationShapes.CanRepresent(evse, version))
            {
                (left ??= new(StringComparer.OrdinalIgnoreCase)).Add(evse.Uid);
            }
        }

        _byLocation[location.Id] = left;
    }

    /// <summary>Whether this activation learnt the Location (from a PUT of it, or a read before its first PATCH).</summary>
    public bool Knows(string locationId) => _byLocation.ContainsKey(locationId);

    public bool Contains(string locationId, string evseUid) =>
        _byLocation.Count > 0 && _byLocation.TryGetValue(locationId, out var evses) && evses is not null && evses.Contains(evseUid);
}
