using StatusGrid.Contracts.Partners;

namespace StatusGrid.Server.Partners;

/// <summary>A partner as the admin API shows it: the token is never echoed.</summary>
public sealed record PartnerView(
    string Id,
    string? Name,
    string OcpiVersion,
    string? LocationsUrl,
    string CountryCode,
    string PartyId,
    bool Enabled,
    int? MaxConcurrency,
    PartnerFilter Filter,
    PartnerHealth? Health)
{
    public static PartnerView From(PartnerConfig c, PartnerHealth? health) =>
        new(c.Id, c.Name, c.OcpiVersion, c.LocationsUrl, c.CountryCode, c.PartyId, c.Enabled, c.MaxConcurrency, c.Filter, health);
}
