namespace StatusGrid.Ocpi.Locations;

public static partial class LocationShapes
{
    /// <summary>
    /// The Location as a PUT to a partner of <paramref name="version"/> carries it. A hidden Location (publish=false)
    /// reaches a partner that hides unpublished Locations only as a withdrawal, after it was published
    /// (StatusGrid.Grains' LocationPutRequest.Reaches): from 2.2 on it goes as it is, and <c>"publish": false</c>
    /// (with its <c>publish_allowed_to</c>) tells the partner to stop showing it (digest §4.7). 2.1.1 has no
    /// <c>publish</c> field, so it goes with every EVSE <c>REMOVED</c>.
    /// </summary>
    /// <remarks>
    /// Why REMOVED, in one PUT: OCPI has no deletion; an EVSE is retired by setting REMOVED, and a Location with no
    /// valid EVSE "can be treated as expired and hidden" (digest §4.1), which is what 2.1.1 receivers can act on. One
    /// PUT of the whole Location (§4.4: a PUT carries all its EVSEs) rather than a PATCH per EVSE: one request, and
    /// a receiver never holds the Location half withdrawn. Each EVSE keeps its own <c>last_updated</c>, never older
    /// than what the partner holds, and the Location's (raised by the publish change) is newer: stamping the EVSEs at
    /// the withdrawal instead would make the re-publication's full PUT, whose live statuses carry their own (earlier)
    /// stamps, older than the REMOVED it replaces. Planned statuses (<c>status_schedule</c>) are left out: they would
    /// announce availability of a Location that is gone; the re-publication's PUT carries them again.
    /// </remarks>
    public static Location AsPushed(Location location, OcpiVersion version)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (version != OcpiVersion.V211 || location.Publish || location.Evses is null)
        {
            return location;
        }

        return location with { Evses = [.. location.Evses.Select(e => e with { Status = EvseStatus.Removed, StatusSchedule = null })] };
    }
}
