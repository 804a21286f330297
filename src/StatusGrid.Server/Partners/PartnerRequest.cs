namespace StatusGrid.Server.Partners;

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
}
