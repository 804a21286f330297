namespace StatusGrid.Server.OcpiApi;

/// <summary>Bound from <c>StatusGrid:Ocpi</c>: who we are on OCPI and how our endpoints behave.</summary>
public sealed class OcpiOptions
{
    public const string SectionName = "StatusGrid:Ocpi";

    /// <summary>
    /// Base URL partners reach us at, e.g. https://cpo.example.com. Every URL we hand out (versions, endpoints,
    /// Link headers) starts with it. When empty, the scheme and host of the current request are used.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Our CPO party: ISO 3166-1 alpha-2 country code.</summary>
    public string CountryCode { get; set; } = "NL";

    /// <summary>Our CPO party id (3 characters).</summary>
    public string PartyId { get; set; } = "SGR";

    public string BusinessName { get; set; } = "StatusGrid";

    public string? BusinessWebsite { get; set; }

    /// <summary>Largest page the Locations sender returns (X-Limit); also the page size when a client sends no limit.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>
    /// May partner URLs (versions, endpoints, Locations receivers) lead to loopback, private or CGNAT (never link-local)
    /// addresses? Default: true in Development, false otherwise. Read at start (see PartnerNetwork).
    /// </summary>
    public bool? AllowPrivateNetworkPartners { get; set; }

    /// <summary>Timeout of each call to a partner during a credentials handshake.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
