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
        Countries = PartnerFilterValidator.Countries(request),
        LocationIds = PartnerFilterValidator.LocationIds(request),
    };

}
