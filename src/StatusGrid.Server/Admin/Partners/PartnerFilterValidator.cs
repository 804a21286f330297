using System.Collections.Immutable;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Server.Admin.Partners;

/// <summary>
/// The filter check the partner admin API and the OCPI admin API share. Every entry is checked, null ones too: a
/// null country or Location id stored would fail each later Locations pull and push of that partner.
/// </summary>
internal static class PartnerFilterValidator
{
    public const int MaxLocationIdLength = 39;

    public static void Check(PartnerFilterRequest? request, List<OcpiValidationError> errors)
    {
        var countries = request?.Countries ?? [];
        for (var i = 0; i < countries.Length; i++)
        {
            if (Iso3166.ToAlpha3(countries[i]) is null)
            {
                var shown = countries[i] is { } code ? $"'{code}'" : "null";
                errors.Add(new($"filter.countries[{i}]", $"{shown} is not an ISO 3166-1 country code: give alpha-3 (NLD, BEL) or alpha-2 (NL, BE); they match the Location's country."));
            }
        }

        var ids = request?.LocationIds ?? [];
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] is not { Length: > 0 and <= MaxLocationIdLength })
            {
                errors.Add(new($"filter.location_ids[{i}]", $"A Location id of 1 to {MaxLocationIdLength} characters."));
            }
        }
    }

    /// <summary>The countries as stored (alpha-3, so they match the Location's country); only after <see cref="Check"/>.</summary>
    public static ImmutableArray<string>? Countries(PartnerFilterRequest? request) =>
        request?.Countries is { } countries ? [.. countries.Select(Iso3166.Normalize).Distinct()] : null;

    public static ImmutableArray<string>? LocationIds(PartnerFilterRequest? request) =>
        request?.LocationIds is { } ids ? ids.ToImmutableArray() : null;
}
