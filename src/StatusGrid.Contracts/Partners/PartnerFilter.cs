using System.Collections.Immutable;

namespace StatusGrid.Contracts.Partners;

/// <summary>Which locations a partner sees, in pushes and in pulls.</summary>
[GenerateSerializer, Immutable]
public sealed record PartnerFilter
{
    public static readonly PartnerFilter Default = new();

    /// <summary>Only locations with publish = true (the OCPI default behaviour).</summary>
    [Id(0)] public bool PublishedOnly { get; init; } = true;

    /// <summary>When set, only locations of these country codes.</summary>
    [Id(1)] public ImmutableArray<string>? Countries { get; init; }

    /// <summary>When set, only these location ids.</summary>
    [Id(2)] public ImmutableArray<string>? LocationIds { get; init; }

    public bool Allows(string locationId, string countryCode, bool publish)
    {
        if (PublishedOnly && !publish)
        {
            return false;
        }

        if (Countries is { } countries && !countries.Contains(countryCode, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        return LocationIds is not { } ids || ids.Contains(locationId, StringComparer.OrdinalIgnoreCase);
    }
}
