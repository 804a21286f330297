using System.Collections.Immutable;

namespace StatusGrid.Contracts.Partners;

/// <summary>Which locations a partner sees, in pushes and in pulls.</summary>
[GenerateSerializer, Immutable]
public sealed record PartnerFilter
{
    public static readonly PartnerFilter Default = new();

    /// <summary>Only locations with publish = true (the OCPI default behaviour).</summary>
    [Id(0)] public bool PublishedOnly { get; init; } = true;

    /// <summary>
    /// When set, only Locations in these countries: matched against the Location's <c>country</c> (ISO 3166-1 alpha-3,
    /// where the chargers are), never against the operating party's <c>country_code</c>. Alpha-2 and alpha-3 codes are
    /// both accepted (<c>NL</c> and <c>NLD</c> mean the same, see <see cref="Iso3166"/>).
    /// </summary>
    [Id(1)] public ImmutableArray<string>? Countries { get; init; }

    /// <summary>When set, only these location ids.</summary>
    [Id(2)] public ImmutableArray<string>? LocationIds { get; init; }

    /// <param name="locationId">The Location's id.</param>
    /// <param name="country">The Location's <c>country</c> (alpha-3 in OCPI; alpha-2 is normalized too).</param>
    /// <param name="publish">The Location's <c>publish</c> flag.</param>
    public bool Allows(string locationId, string country, bool publish)
    {
        if (PublishedOnly && !publish)
        {
            return false;
        }

        if (Countries is { } countries && !countries.Contains(Iso3166.Normalize(country), Alpha3Comparer.Instance))
        {
            return false;
        }

        return LocationIds is not { } ids || ids.Contains(locationId, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The filter's country codes as alpha-3, for a query on the stored <c>country</c> column.</summary>
    public IReadOnlyList<string>? CountriesAlpha3() => Countries is { } countries ? [.. countries.Select(Iso3166.Normalize).Distinct()] : null;

    // Filters stored before alpha-3 normalization (or given as alpha-2) still compare by country.
    private sealed class Alpha3Comparer : IEqualityComparer<string>
    {
        public static readonly Alpha3Comparer Instance = new();

        public bool Equals(string? x, string? y) => x is not null && y is not null && Iso3166.Normalize(x) == Iso3166.Normalize(y);

        public int GetHashCode(string obj) => Iso3166.Normalize(obj).GetHashCode(StringComparison.Ordinal);
    }
}
