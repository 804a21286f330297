using StatusGrid.Contracts.Evses;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// An EVSE in a partner's backlog: its location id and uid, compared without case (OCPI ids are case-insensitive).
/// The backlog keeps an entry per EVSE a partner may see, for every partner, so the key holds the change's own strings
/// rather than a joined copy: on one silo every partner's entry shares the strings the EVSE grain holds, where a
/// <see cref="EvseKey.Evse"/> string per partner cost ≈ 66 bytes per EVSE per partner (20 MB at 100k EVSEs, 3 partners).
/// </summary>
internal readonly struct BacklogKey(string locationId, string evseUid) : IEquatable<BacklogKey>
{
    public string LocationId { get; } = locationId;

    public string EvseUid { get; } = evseUid;

    public static BacklogKey Of(EvseStatusChange change) => new(change.LocationId, change.EvseUid);

    public bool Equals(BacklogKey other) =>
        string.Equals(EvseUid, other.EvseUid, StringComparison.OrdinalIgnoreCase)
        && string.Equals(LocationId, other.LocationId, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is BacklogKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(
        StringComparer.OrdinalIgnoreCase.GetHashCode(LocationId), StringComparer.OrdinalIgnoreCase.GetHashCode(EvseUid));

    public override string ToString() => EvseKey.Evse(LocationId, EvseUid);
}
