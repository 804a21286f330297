using StatusGrid.Contracts.Partners;

namespace StatusGrid.Grains.Fanout;

/// <param name="LocationId">The Location stored.</param>
/// <param name="Country">Its <c>country</c> now.</param>
/// <param name="Publish">Its <c>publish</c> flag now.</param>
/// <param name="WasPublished">Its <c>publish</c> flag before this change (false for a new Location).</param>
/// <param name="WasCountry">Its <c>country</c> before this change (null for a new Location, or when not known).</param>
internal sealed record LocationPutRequest(string LocationId, string Country, bool Publish, bool WasPublished = false, string? WasCountry = null)
{
    /// <summary>
    /// Whether a partner with <paramref name="filter"/> gets a PUT of the Location: when its filter allows it now, or
    /// when its filter allowed the Location as it was before this change (a withdrawal: unpublished, or moved out of
    /// the partner's countries, or both at once).
    /// </summary>
    /// <remarks>
    /// A partner that hides unpublished Locations (published_only, the default and forced for 2.1.1) would otherwise
    /// get nothing when a Location is unpublished: it kept the last PUT with <c>"publish": true</c>, every later PATCH
    /// was filtered away, and the hidden site stayed on its public map with a frozen status. OCPI deletes nothing
    /// (digest §4.1), so the withdrawal is one more PUT of the Location as it now is: <c>"publish": false</c> with its
    /// <c>publish_allowed_to</c> (§4.7), or for 2.1.1, which has no <c>publish</c>, every EVSE <c>REMOVED</c>
    /// (<see cref="StatusGrid.Ocpi.Locations.LocationShapes.AsPushed"/>). Only a Location that was published may have been
    /// held by such a partner, so an edit of one hidden all along sends nothing (as before). Its status changes stay
    /// filtered while it is hidden, and re-publishing it allows the PUT again: a full one with the live statuses.
    /// <para>The country counts like <c>publish</c>: a Location moved from NLD to BEL is no longer allowed to a
    /// partner filtered to NL, which held it; judged by its new country alone, it got nothing, not even when the move
    /// also unpublished it, and kept the Dutch copy with a frozen status.</para>
    /// </remarks>
    public bool Reaches(PartnerFilter filter) =>
        filter.Allows(LocationId, Country, Publish)
        || (WasCountry is { } wasCountry
            ? filter.Allows(LocationId, wasCountry, WasPublished)
            : WasPublished && !Publish && filter.Allows(LocationId, Country, publish: true));
}
