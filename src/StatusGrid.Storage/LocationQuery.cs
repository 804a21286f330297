namespace StatusGrid.Storage;

/// <summary>
/// One page of the OCPI Locations sender: date_from inclusive, date_to exclusive, on last_updated. The optional
/// filters restrict the page and the total count to what one partner may see, so X-Total-Count and paging agree.
/// </summary>
public sealed record LocationQuery(int Offset, int Limit, DateTimeOffset? DateFrom = null, DateTimeOffset? DateTo = null)
{
    /// <summary>Only locations with publish = true.</summary>
    public bool PublishedOnly { get; init; }

    /// <summary>
    /// When set, only Locations whose <c>country</c> (ISO 3166-1 alpha-3, where they are) is one of these
    /// (case-insensitive; pass alpha-3, e.g. from <c>PartnerFilter.CountriesAlpha3</c>); an empty list matches nothing.
    /// </summary>
    public IReadOnlyList<string>? Countries { get; init; }

    /// <summary>When set, only these location ids (case-insensitive, OCPI ids are CiStrings); an empty list matches nothing.</summary>
    public IReadOnlyList<string>? LocationIds { get; init; }

    /// <summary>
    /// When set, only Locations whose id, name, address or city contains this text (case-insensitive). For the admin
    /// listing: it reads each row's document, so it is a scan, never used on OCPI paths.
    /// </summary>
    public string? Search { get; init; }
}
