using System.Collections.Immutable;
using System.Security.Cryptography;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Server.Admin.Partners;

namespace StatusGrid.Server.OcpiApi.Admin;

/// <summary>Checks shared by the OCPI admin requests.</summary>
internal static class AdminRequests
{
    public static string NewPartnerId() => "ocpi-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public static void CheckPartnerId(string? id, List<OcpiValidationError> errors)
    {
        if (id is not null && !PartnerIds.IsValid(id))
        {
            errors.Add(new("partner_id", PartnerIds.Rule));
        }
    }

    public static PartnerFilter Filter(PartnerFilterRequest? request) => new()
    {
        PublishedOnly = request?.PublishedOnly ?? true,
        Countries = request?.Countries is { } countries ? [.. countries.Select(Iso3166.Normalize).Distinct()] : null,
        LocationIds = request?.LocationIds is { } ids ? ids.ToImmutableArray() : null,
    };

    public static void CheckFilter(PartnerFilterRequest? request, List<OcpiValidationError> errors)
    {
        if (request?.Countries is { } countries && countries.FirstOrDefault(c => Iso3166.ToAlpha3(c) is null) is { } unknown)
        {
            errors.Add(new("filter.countries", $"'{unknown}' is not an ISO 3166-1 country code: give alpha-3 (NLD, BEL) or alpha-2 (NL, BE); they match the Location's country."));
        }

        if (request?.LocationIds is { } ids && ids.Any(id => id is not { Length: > 0 and <= 39 }))
        {
            errors.Add(new("filter.location_ids", "Location ids of 1 to 39 characters."));
        }
    }
}
