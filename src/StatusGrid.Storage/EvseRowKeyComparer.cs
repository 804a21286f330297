namespace StatusGrid.Storage;

/// <summary>
/// An evse_status row's key as the table compares it since migration 17: the location id exactly, the EVSE uid
/// ignoring case (one row per (location_id, upper(evse_uid))). A status read or written under another spelling of a
/// stored uid names that row.
/// </summary>
internal sealed class EvseRowKeyComparer : IEqualityComparer<(string LocationId, string EvseUid)>
{
    public static readonly EvseRowKeyComparer Instance = new();

    public bool Equals((string LocationId, string EvseUid) x, (string LocationId, string EvseUid) y) =>
        string.Equals(x.LocationId, y.LocationId, StringComparison.Ordinal)
        && string.Equals(x.EvseUid, y.EvseUid, StringComparison.OrdinalIgnoreCase);

    public int GetHashCode((string LocationId, string EvseUid) key) =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(key.LocationId), StringComparer.OrdinalIgnoreCase.GetHashCode(key.EvseUid));
}
