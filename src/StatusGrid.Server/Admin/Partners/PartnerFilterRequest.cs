namespace StatusGrid.Server.Admin.Partners;

public sealed record PartnerFilterRequest
{
    public bool? PublishedOnly { get; init; }
    public string[]? Countries { get; init; }
    public string[]? LocationIds { get; init; }
}
