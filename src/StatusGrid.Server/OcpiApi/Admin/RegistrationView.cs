using System.Collections.Immutable;
using StatusGrid.Contracts.Partners;
using StatusGrid.Contracts.Registrations;
using StatusGrid.Ocpi;

namespace StatusGrid.Server.OcpiApi.Admin;

/// <summary>A registration as the admin API shows it: no token, no token hash.</summary>
public sealed record RegistrationView(
    string PartnerId,
    string Status,
    string Direction,
    string? Name,
    string? OcpiVersion,
    string? VersionsUrl,
    string? CredentialsUrl,
    string? LocationsUrl,
    bool ReceivesPushes,
    string? ToCountryCode,
    string? ToPartyId,
    bool ViaHub,
    ImmutableArray<OcpiPartyRole> Roles,
    ImmutableArray<OcpiPartnerEndpoint> Endpoints,
    PartnerFilter Filter,
    DateTimeOffset UpdatedAt)
{
    public static RegistrationView From(OcpiRegistration r) => new(
        r.PartnerId,
        r.Status == OcpiRegistrationStatus.Registered ? "registered" : "pending",
        r.Direction == OcpiRegistrationDirection.TheyRegister ? "they_register" : "we_register",
        r.Name,
        r.Version?.ToVersionString(),
        r.VersionsUrl,
        r.CredentialsUrl,
        r.LocationsUrl,
        r.Status == OcpiRegistrationStatus.Registered && r.LocationsUrl is not null,
        r.ToCountryCode,
        r.ToPartyId,
        r.ViaHub,
        r.Roles,
        r.Endpoints,
        r.Filter,
        r.UpdatedAt);
}
