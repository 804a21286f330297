using System.Collections.Immutable;
using System.Text.Json.Serialization;
using StatusGrid.Ocpi;
using StatusGrid.Contracts.Partners;

namespace StatusGrid.Contracts.Registrations;

/// <summary>
/// The OCPI credentials relationship with one partner: what we know of its platform, the token we use to call it,
/// and the hashes of the tokens it uses to call us.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OcpiRegistration
{
    [Id(0)] public required string PartnerId { get; init; }

    [Id(1)] public required OcpiRegistrationStatus Status { get; init; }

    [Id(2)] public required OcpiRegistrationDirection Direction { get; init; }

    [Id(3)] public string? Name { get; init; }

    [Id(4)] public PartnerFilter Filter { get; init; } = PartnerFilter.Default;

    /// <summary>SHA-256 (hex) of each token the partner may present to us. Never the tokens themselves.</summary>
    [Id(5)] public ImmutableArray<string> TokenHashes { get; init; } = [];

    /// <summary>The OCPI version spoken with the partner; null until known.</summary>
    [JsonIgnore]
    public OcpiVersion? Version
    {
        get => OcpiVersions.TryParse(VersionNumber, out var version) ? version : null;
        init => VersionNumber = value?.ToVersionString();
    }

    /// <summary>
    /// <see cref="Version"/> as the VersionNumber string ("2.2.1") it was before it was typed, under the same field id
    /// and JSON name: grain state stored by older code loads unchanged, and silos of both kinds understand each other's
    /// messages during a rolling upgrade.
    /// </summary>
    [Id(6), JsonInclude, JsonPropertyName("Version")]
    internal string? VersionNumber { get; init; }

    [Id(7)] public string? VersionsUrl { get; init; }

    [Id(8)] public string? CredentialsUrl { get; init; }

    /// <summary>The partner's Locations receiver; null when it only pulls.</summary>
    [Id(9)] public string? LocationsUrl { get; init; }

    [Id(10)] public ImmutableArray<OcpiPartnerEndpoint> Endpoints { get; init; } = [];

    [Id(11)] public ImmutableArray<OcpiPartyRole> Roles { get; init; } = [];

    /// <summary>2.3.0: the hub's country code and party id joined (e.g. NLHUB).</summary>
    [Id(12)] public string? HubPartyId { get; init; }

    /// <summary>
    /// The token we send to the partner (its token B or C). Kept as is because we must present it; it is the one
    /// secret of the relationship that a database dump reveals (it only lets one call the partner as us).
    /// </summary>
    [Id(13)] public string? TheirToken { get; init; }

    /// <summary>The partner wants the raw token in the Authorization header even though it speaks 2.2+.</summary>
    [Id(14)] public bool RawTokenHeader { get; init; }

    /// <summary>The party our requests address (OCPI-to-*): the eMSP, or the hub it is reached through.</summary>
    [Id(15)] public string? ToCountryCode { get; init; }

    [Id(16)] public string? ToPartyId { get; init; }

    [Id(17)] public bool ViaHub { get; init; }

    /// <summary>Raised by every stored change; callers pass the one they read to detect a concurrent change.</summary>
    [Id(18)] public long Generation { get; init; }

    [Id(19)] public DateTimeOffset UpdatedAt { get; init; }
}
