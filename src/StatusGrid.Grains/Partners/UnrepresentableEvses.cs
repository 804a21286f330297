using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// The EVSEs this partner's OCPI version cannot represent (every connector of a 2.3.0-only type, e.g. MCS, for a
/// 2.2.1 or 2.1.1 partner): its Location PUTs leave them out, so the partner never holds them. A PATCH of one would be
/// answered 404, and the 404 would bring one more PUT that again leaves it out, for every status change. Learnt from
/// each Location this grain PUTs (a PUT also follows any edit of the Location), so it costs nothing on the PATCH path
/// but a lookup; after an activation, the first PATCH of such an EVSE still goes (one 404, one PUT) until then.
/// </summary>
internal sealed class UnrepresentableEvses
{
    private readonly Dictionary<string, HashSet<string>> _byLocation = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _byLocation.Count;

    /// <summary>What the Location about to be PUT says (replaces what was known of it).</summary>
    public void Learn(Location location, OcpiVersion version)
    {
        HashSet<string>? left = null;
        if (version != OcpiVersion.V230)
        {
            foreach (var evse in location.Evses ?? [])
            {
                if (!LocationShapes.CanRepresent(evse, version))
                {
                    (left ??= new(StringComparer.OrdinalIgnoreCase)).Add(evse.Uid);
                }
            }
        }

        if (left is null)
        {
            _byLocation.Remove(location.Id);
        }
        else
        {
            _byLocation[location.Id] = left;
        }
    }

    public bool Contains(string locationId, string evseUid) =>
        _byLocation.Count > 0 && _byLocation.TryGetValue(locationId, out var evses) && evses.Contains(evseUid);
}
