using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// The <c>last_updated</c> of what one partner is sent: a Location PUT, and each EVSE in it, is never older than what
/// the partner was last sent for it, and one that changes what the partner holds without a newer document (a filter
/// change's withdrawal or the Location back, a 2.1.1 withdrawal's <c>REMOVED</c> EVSEs and their return) is newer.
/// </summary>
/// <remarks>
/// Such a PUT gets a stamp minted when it is sent: max(now, the last minted + 1 ms, its own + 1 ms), so neither a
/// document stamped ahead of the clock nor a silo whose clock is behind makes it look older. The minted stamps are the
/// floor (<see cref="SentFloor"/>) of every later PUT of the Location, a resync's or a re-activation's included (a
/// receiver that keeps the newer copy ignored the older document's own stamp, so the repair never landed); they are
/// stored before the PUT goes (PartnerGrain.StampedAsync). Documents no PUT minted for keep their own stamps, and
/// only Locations whose EVSEs were minted raise their PATCHes (<see cref="Patch"/>): while the partner holds no
/// floor, the hot path reads nothing but a count.
/// </remarks>
internal sealed class SentStamps
{
    private readonly Dictionary<string, SentFloor> _floors = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per EVSE of a Location whose EVSEs were minted: the last PATCH stamp asked for and the one sent (in memory).</summary>
    private readonly Dictionary<string, (DateTimeOffset Asked, DateTimeOffset Sent)> _patched = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts every floor recorded or dropped: the grain stores the floors again only when it moved.</summary>
    public long Changes { get; private set; }

    public void Restore(IReadOnlyDictionary<string, SentFloor>? floors)
    {
        foreach (var (id, floor) in floors ?? new Dictionary<string, SentFloor>())
        {
            Record(id, floor);
        }
    }

    public Dictionary<string, SentFloor> Snapshot() => new(_floors, StringComparer.OrdinalIgnoreCase);

    /// <summary>The Location as its PUT carries it.</summary>
    /// <param name="owed">The PUT answers a filter change (<see cref="FilterEpochs.IsOwed"/>): it must be applied.</param>
    /// <param name="retired">It goes to a 2.1.1 partner as a withdrawal: every EVSE <c>REMOVED</c>.</param>
    /// <param name="minted">A stamp was minted: store <see cref="Snapshot"/> before the PUT goes.</param>
    public Location Stamp(Location location, bool owed, bool retired, DateTimeOffset now, out bool minted)
    {
        var floor = _floors.GetValueOrDefault(location.Id);
        var at = floor is null ? DateTimeOffset.MinValue : DateTimeOffset.FromUnixTimeMilliseconds(floor.AtUnixMs);
        var switched = retired != (floor?.Withdrawn ?? false); // its EVSEs go REMOVED, or come back
        minted = owed || switched;
        if (!minted)
        {
            // The same content as last sent (or a newer document): never below the floor, equal is the same copy.
            var evses = floor is { Evses: true } ? location.Evses?.Select(e => e with { LastUpdated = Max(e.LastUpdated, at) }).ToList() : location.Evses;
            var sent = Parented(location with { Evses = evses, LastUpdated = Max(location.LastUpdated, at) });
            if (floor is not null)
            {
                ForgetPassed(location, floor, sent.LastUpdated);
            }

            return sent;
        }

        var raiseEvses = switched || floor is { Evses: true };
        var newest = raiseEvses ? Parented(location).LastUpdated : location.LastUpdated;
        var stamp = Max(Max(Timestamps.ToMilliseconds(now), at.AddMilliseconds(1)), newest.AddMilliseconds(1));
        var stamped = Parented(location with
        {
            LastUpdated = stamp,
            Evses = raiseEvses ? location.Evses?.Select(e => e with { LastUpdated = stamp }).ToList() : location.Evses,
        });
        Record(location.Id, new SentFloor(stamped.LastUpdated.ToUnixTimeMilliseconds(), raiseEvses, retired));
        return stamped;
    }

    /// <summary>
    /// The <c>last_updated</c> a PATCH of the EVSE goes with: its own, unless a PUT minted the EVSE's stamp at or after
    /// it (a status observed before the PUT, sent after it); then 1 ms above the last stamp sent for it. The same ask
    /// gives the same stamp (a retry, or a check of the partner's copy, is the same message).
    /// </summary>
    public DateTimeOffset Patch(string locationId, string evseUid, DateTimeOffset lastUpdated)
    {
        if (_floors.Count == 0 || !_floors.TryGetValue(locationId, out var floor))
        {
            return lastUpdated;
        }

        if (!floor.Evses)
        {
            ForgetPassed(locationId, floor, lastUpdated);
            return lastUpdated;
        }

        var key = locationId + "/" + evseUid;
        var last = DateTimeOffset.FromUnixTimeMilliseconds(floor.AtUnixMs);
        if (_patched.TryGetValue(key, out var patched) && patched.Sent > last)
        {
            if (patched.Asked == lastUpdated)
            {
                return patched.Sent;
            }

            last = patched.Sent;
        }

        if (lastUpdated > last)
        {
            _patched.Remove(key); // past every stamp sent for it: a retry of this ask keeps its own stamp too
            return lastUpdated;
        }

        var sent = last.AddMilliseconds(1);
        _patched[key] = (lastUpdated, sent);
        return sent;
    }

    /// <summary>
    /// Drops a floor that only raised the Location's own stamp (a filter change's PUT) once the Location's own clock
    /// is past it: every later PUT carries a newer document or status anyway (the EVSE and Location grains' stamps only
    /// grow), so the floor would change nothing, and a filter change that moved every Location would otherwise leave
    /// one floor per Location in the partner's stored state for good. Floors of minted EVSE stamps stay: one EVSE past
    /// the floor says nothing of the Location's others. Dropped in memory; the next state write stores it (until then
    /// a new activation has the floor back, which only costs it the same check).
    /// </summary>
    private void ForgetPassed(string locationId, SentFloor floor, DateTimeOffset own)
    {
        if (!floor.Evses && !floor.Withdrawn && own.ToUnixTimeMilliseconds() > floor.AtUnixMs)
        {
            _floors.Remove(locationId);
            Changes++;
        }
    }

    /// <summary>
    /// A PUT without a minted stamp: besides <see cref="ForgetPassed(string, SentFloor, DateTimeOffset)"/>, the floor
    /// of a Location back after a 2.1.1 withdrawal goes once every EVSE in the document is newer than it on its own
    /// (each later PATCH and PUT is newer still), with what is kept of its EVSEs' raised PATCHes. The withdrawal's own
    /// floor stays: it says that the partner holds the EVSEs REMOVED.
    /// </summary>
    private void ForgetPassed(Location location, SentFloor floor, DateTimeOffset sent)
    {
        if (!floor.Evses || floor.Withdrawn)
        {
            ForgetPassed(location.Id, floor, sent);
            return;
        }

        var evses = location.Evses ?? [];
        if (Parented(location).LastUpdated.ToUnixTimeMilliseconds() > floor.AtUnixMs
            && evses.All(e => e.LastUpdated.ToUnixTimeMilliseconds() > floor.AtUnixMs))
        {
            _floors.Remove(location.Id);
            Changes++;
            foreach (var evse in evses)
            {
                _patched.Remove(location.Id + "/" + evse.Uid);
            }
        }
    }

    private void Record(string locationId, SentFloor floor)
    {
        _floors[locationId] = floor;
        Changes++;
    }

    /// <summary>OCPI's parent rule: a Location is at least as recent as its latest EVSE.</summary>
    private static Location Parented(Location location) =>
        location with { LastUpdated = (location.Evses ?? []).Select(e => e.LastUpdated).Append(location.LastUpdated).Max() };

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
