namespace StatusGrid.Grains.Evses;

/// <summary>
/// Durable identity of an EVSE grain (written only when its Location is put). The status itself lives in the
/// group-committed status store, not here, because it changes thousands of times per second across the fleet.
/// </summary>
[GenerateSerializer]
public sealed class EvseMetaState
{
    [Id(0)] public string? LocationId { get; set; }
    [Id(1)] public string? EvseUid { get; set; }
    [Id(2)] public string? EvseId { get; set; }

    // The three codes are interned: a network has a handful of them, and every EVSE grain held its own copies (read
    // from a row or a document each), ≈ 10 MB at 100k EVSEs.
    [Id(3)] public string CountryCode { get; set => field = string.Intern(value ?? ""); } = "";
    [Id(4)] public string PartyId { get; set => field = string.Intern(value ?? ""); } = "";
    [Id(5)] public bool Publish { get; set; }

    /// <summary>The Location's country (alpha-3). Empty in state written before it existed, until the next Location put.</summary>
    [Id(6)] public string Country { get; set => field = string.Intern(value ?? ""); } = "";

    /// <summary>
    /// A location document that repeated the EVSE's status at a later time (its EVSE's last_updated, which partners
    /// get in the Location PUT): reports observed before it are history. Rare (location edits), so it is kept here.
    /// </summary>
    [Id(7)] public DateTimeOffset? Horizon { get; set; }

    /// <summary>
    /// The EVSE's last_updated in the stored document (what partners got in the Location PUT). A status applied
    /// later is published with a later last_updated even when it was observed before the edit, so no partner ever
    /// gets an older last_updated after a newer one.
    /// </summary>
    [Id(8)] public DateTimeOffset? DocumentLastUpdated { get; set; }

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
