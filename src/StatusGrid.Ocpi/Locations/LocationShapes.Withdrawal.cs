namespace StatusGrid.Ocpi.Locations;

public static partial class LocationShapes
{
    /// <summary>
    /// The Location as a PUT to a partner of <paramref name="version"/> carries it. A hidden Location (publish=false)
    /// reaches a partner that hides unpublished Locations only as a withdrawal, after it was published
    /// (StatusGrid.Grains' LocationPutRequest.Reaches): from 2.2 on it goes as it is, and <c>"publish": false</c>
    /// (with its <c>publish_allowed_to</c>) tells the partner to stop showing it (digest §4.7). 2.1.1 has no
    /// <c>publish</c> field, so it goes with every EVSE <c>REMOVED</c>. An EVSE the version cannot represent (every
    /// connector of a 2.3.0-only type, e.g. MCS) goes <c>REMOVED</c> too (<see cref="Retired"/>).
    /// </summary>
    /// <remarks>
    /// Why REMOVED, in one PUT: OCPI has no deletion; an EVSE is retired by setting REMOVED, and a Location with no
    /// valid EVSE "can be treated as expired and hidden" (digest §4.1), which is what 2.1.1 receivers can act on. One
    /// PUT of the whole Location (§4.4: a PUT carries all its EVSEs) rather than a PATCH per EVSE: one request, and
    /// a receiver never holds the Location half withdrawn. The stamps are the caller's: StatusGrid.Grains' SentStamps
    /// stamps each REMOVED EVSE newer than the partner holds it, and the re-publication's EVSEs newer than their REMOVED.
    /// Planned statuses (<c>status_schedule</c>) are left out: they would
    /// announce availability of a Location that is gone; the re-publication's PUT carries them again.
    /// </remarks>
    public static Location AsPushed(Location location, OcpiVersion version)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (version == OcpiVersion.V230 || location.Evses is null)
        {
            return location;
        }

        if (version == OcpiVersion.V211 && !location.Publish)
        {
            return location with { Evses = [.. location.Evses.Select(e => Retired(e, version))] };
        }

        return location.Evses.All(e => CanRepresent(e, version))
            ? location
            : location with { Evses = [.. location.Evses.Select(e => CanRepresent(e, version) ? e : Retired(e, version))] };
    }

    /// <summary>
    /// The withdrawal PUT of a Location the partner may no longer see, whatever hides it (<c>publish</c>, or the
    /// partner's filter: its countries or ids narrowed, or the Location moved out of them): <c>"publish": false</c>
    /// from 2.2 on, every EVSE <c>REMOVED</c> for 2.1.1, as for an unpublished Location (<see cref="AsPushed"/>). A
    /// Location hidden only by the partner's filter carries no <c>publish_allowed_to</c> (it is published): nobody at
    /// that partner is to see it.
    /// </summary>
    public static Location AsWithdrawal(Location location, OcpiVersion version)
    {
        ArgumentNullException.ThrowIfNull(location);
        return AsPushed(location.Publish ? location with { Publish = false, PublishAllowedTo = null } : location, version);
    }

    /// <summary>
    /// The EVSE retired: <c>REMOVED</c>, without planned statuses. A connector whose type the version lacks (e.g. MCS
    /// for 2.2.1) goes as the version's Type 2 plug of its power type: OCPI requires at least one connector and a
    /// strict receiver refuses the whole Location for an unknown type, while a REMOVED EVSE's connector is never
    /// offered to a driver. Left out instead, the EVSE stayed at a partner that merges PUTs with its last status.
    /// </summary>
    private static Evse Retired(Evse evse, OcpiVersion version) => evse with
    {
        Status = EvseStatus.Removed,
        StatusSchedule = null,
        Connectors = evse.Connectors.All(c => CanRepresent(c, version))
            ? evse.Connectors
            : [.. evse.Connectors.Select(c => CanRepresent(c, version)
                ? c
                : c with { Standard = c.PowerType == PowerType.Dc ? ConnectorTypes.Iec62196T2Combo : ConnectorTypes.Iec62196T2 })],
    };
}
