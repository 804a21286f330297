using StatusGrid.Contracts.Partners;
using StatusGrid.Contracts.Registrations;
using StatusGrid.Ocpi;

namespace StatusGrid.Grains.Registrations;

/// <summary>What the push pipeline needs of a registered partner.</summary>
public static class RegistrationPartnerConfig
{
    public static PartnerConfig From(OcpiRegistration registration, PartnerConfig? existing)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var version = registration.Version ?? throw new ArgumentException("a registered partner has a version", nameof(registration));
        var filter = registration.Filter;
        if (version == OcpiVersion.V211 && !filter.PublishedOnly)
        {
            // 2.1.1 has no publish flag: a hidden Location would be shown to everyone, so such partners never get one.
            filter = filter with { PublishedOnly = true };
        }

        return new PartnerConfig
        {
            Id = registration.PartnerId,
            Name = registration.Name ?? existing?.Name,
            OcpiVersion = version,
            LocationsUrl = registration.LocationsUrl,
            Token = registration.TheirToken ?? throw new ArgumentException("a registered partner has a token", nameof(registration)),
            CountryCode = registration.ToCountryCode ?? throw new ArgumentException("a registered partner has a party", nameof(registration)),
            PartyId = registration.ToPartyId ?? throw new ArgumentException("a registered partner has a party", nameof(registration)),
            Filter = filter,
            // How it is delivered to is the CPO's choice (PATCH /api/admin/partners/{id}), not the handshake's.
            MaxConcurrency = existing?.MaxConcurrency,
            Enabled = existing?.Enabled ?? true,
            DeliveryMode = existing?.DeliveryMode ?? DeliveryMode.Latest,
            MaxRequestsPerSecond = existing?.MaxRequestsPerSecond,
            MaxBacklog = existing?.MaxBacklog,
            RawTokenHeader = registration.RawTokenHeader,
            VersionsUrl = registration.VersionsUrl,
            ViaHub = registration.ViaHub,
        };
    }
}
