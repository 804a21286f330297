namespace StatusGrid.Server.Admin.Partners;

/// <summary>Admin API body for adding or changing a partner (snake_case JSON).</summary>
public sealed record PartnerRequest
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? OcpiVersion { get; init; }
    public string? LocationsUrl { get; init; }
    public string? Token { get; init; }
    public string? CountryCode { get; init; }
    public string? PartyId { get; init; }
    public PartnerFilterRequest? Filter { get; init; }
    public int? MaxConcurrency { get; init; }
    public bool? Enabled { get; init; }
    public bool? RawTokenHeader { get; init; }

    /// <summary>The hub partner this partner is reached through (addressed pushes via a hub).</summary>
    public string? HubId { get; init; }

    /// <summary>Most requests per second to this partner; absent: unlimited.</summary>
    public int? MaxRequestsPerSecond { get; init; }

    /// <summary>"latest" (default) or "ordered".</summary>
    public string? DeliveryMode { get; init; }

    /// <summary>Ordered mode: the most messages queued for this partner.</summary>
    public int? MaxBacklog { get; init; }
}
