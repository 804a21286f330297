using StatusGrid.Contracts.Evses;
using StatusGrid.Storage.Estate;

namespace StatusGrid.Grains.Evses;

/// <summary>
/// Identity of an EVSE grain, stored as its <c>evse_meta</c> row (written by a bulk import, or by the grain when its
/// Location is put). The status itself lives in the group-committed status store, not here, because it changes
/// thousands of times per second across the fleet. Earlier versions kept this in Orleans grain state (one unbatched
/// read per activation); the schema migration moves what is left there (EvseIdentityMove).
/// </summary>
public sealed class EvseMetaState
{
    public string? LocationId { get; set; }
    public string? EvseUid { get; set; }
    public string? EvseId { get; set; }

    // The three codes are interned: a network has a handful of them, and every EVSE grain held its own copies (read
    // from a row or a document each), ≈ 10 MB at 100k EVSEs.
    public string CountryCode { get; set => field = string.Intern(value ?? ""); } = "";
    public string PartyId { get; set => field = string.Intern(value ?? ""); } = "";
    public bool Publish { get; set; }

    /// <summary>The Location's country (alpha-3). Empty in state written before it existed, until the next Location put.</summary>
    public string Country { get; set => field = string.Intern(value ?? ""); } = "";

    /// <summary>
    /// A location document that repeated the EVSE's status at a later time (its EVSE's last_updated, which partners
    /// get in the Location PUT): reports observed before it are history. Rare (location edits), so it is kept here.
    /// </summary>
    public DateTimeOffset? Horizon { get; set; }

    /// <summary>
    /// The EVSE's last_updated in the stored document (what partners got in the Location PUT). A status applied
    /// later is published with a later last_updated even when it was observed before the edit, so no partner ever
    /// gets an older last_updated after a newer one.
    /// </summary>
    public DateTimeOffset? DocumentLastUpdated { get; set; }

    /// <summary>Takes the stored row.</summary>
    public void Adopt(EvseMeta row)
    {
        Adopt(row.LocationId, row.EvseUid, row.EvseId, row.CountryCode, row.PartyId, row.Publish, row.Country, row.DocumentLastUpdated);
        Horizon = row.Horizon;
    }

    /// <summary>The row to store for the grain <paramref name="key"/>; only for an EVSE a Location defined.</summary>
    public EvseMeta ToRow(string key) =>
        new(key, LocationId!, EvseUid!, EvseId, EvseId is { Length: > 0 } evseId ? EvseKey.EvseId(evseId) : null, CountryCode, PartyId, Publish,
            Country, DocumentLastUpdated ?? DateTimeOffset.UnixEpoch)
        {
            Horizon = Horizon,
        };

    /// <summary>Takes the identity the EVSE has in its Location document (put through the grain, or bulk-imported).</summary>
    /// <returns>True when anything other than <see cref="DocumentLastUpdated"/> changed.</returns>
    public bool Adopt(string locationId, string evseUid, string? evseId, string countryCode, string partyId, bool publish, string country,
        DateTimeOffset? documentLastUpdated)
    {
        var changed = LocationId != locationId || EvseUid != evseUid || EvseId != evseId || CountryCode != countryCode
            || PartyId != partyId || Publish != publish || Country != country;
        LocationId = locationId;
        EvseUid = evseUid;
        EvseId = evseId;
        CountryCode = countryCode;
        PartyId = partyId;
        Publish = publish;
        Country = country;
        DocumentLastUpdated = documentLastUpdated;
        return changed;
    }
}
