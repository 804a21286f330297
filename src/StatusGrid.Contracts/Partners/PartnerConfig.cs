using StatusGrid.Ocpi;

namespace StatusGrid.Contracts.Partners;

/// <summary>A roaming partner (an eMSP, or a hub) that receives Location pushes.</summary>
[GenerateSerializer, Immutable]
public sealed record PartnerConfig
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public string? Name { get; init; }

    /// <summary>The version spoken to this partner (stored as its VersionNumber string, e.g. "2.2.1").</summary>
    [Id(2)] public required OcpiVersion OcpiVersion { get; init; }

    /// <summary>The partner's Locations receiver base URL; null when the partner only pulls.</summary>
    [Id(3)] public string? LocationsUrl { get; init; }

    /// <summary>The credentials token we send in the Authorization header.</summary>
    [Id(4)] public required string Token { get; init; }

    /// <summary>The partner's (or hub's) country code: OCPI-to-country-code.</summary>
    [Id(5)] public required string CountryCode { get; init; }

    /// <summary>The partner's (or hub's) party id: OCPI-to-party-id.</summary>
    [Id(6)] public required string PartyId { get; init; }

    [Id(7)] public PartnerFilter Filter { get; init; } = PartnerFilter.Default;

    /// <summary>Requests in flight at once to this partner; null uses the configured default.</summary>
    [Id(8)] public int? MaxConcurrency { get; init; }

    [Id(9)] public bool Enabled { get; init; } = true;

    /// <summary>Some 2.1.1/2.2 partners want the raw token rather than Base64 in the header.</summary>
    [Id(10)] public bool RawTokenHeader { get; init; }

    /// <summary>The partner's OCPI versions URL, when it registered through the credentials handshake.</summary>
    [Id(11)] public string? VersionsUrl { get; init; }

    /// <summary>Reached through a roaming hub: <see cref="CountryCode"/>/<see cref="PartyId"/> are the hub's.</summary>
    [Id(12)] public bool ViaHub { get; init; }

    /// <summary>
    /// The id of the hub partner this partner is reached through (an addressed push via a hub): requests go to the
    /// hub's Locations URL with this partner's <see cref="CountryCode"/>/<see cref="PartyId"/> in OCPI-to-*, and stop
    /// while the hub reports the party not CONNECTED (HubClientInfo). Null for a direct partner or the hub itself.
    /// </summary>
    [Id(13)] public string? HubId { get; init; }

    /// <summary>Most requests per second to this partner (hubs rate-limit); null: unlimited.</summary>
    [Id(14)] public int? MaxRequestsPerSecond { get; init; }

    [Id(15)] public DeliveryMode DeliveryMode { get; init; } = DeliveryMode.Latest;

    /// <summary>Ordered mode: most queued messages before the bound applies; null uses the configured default.</summary>
    [Id(16)] public int? MaxBacklog { get; init; }
}
