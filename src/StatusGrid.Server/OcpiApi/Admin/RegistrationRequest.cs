using StatusGrid.Server.Admin.Partners;

namespace StatusGrid.Server.OcpiApi.Admin;

/// <summary>Admin API: register with a partner, given its versions URL and the token A it gave us.</summary>
public sealed record RegistrationRequest
{
    public string? PartnerId { get; init; }

    public string? Name { get; init; }

    public string? VersionsUrl { get; init; }

    public string? Token { get; init; }

    public PartnerFilterRequest? Filter { get; init; }
}
