using StatusGrid.Server.Admin.Partners;

namespace StatusGrid.Server.OcpiApi.Admin;

/// <summary>Admin API: issue a token A for a partner that will register with us.</summary>
public sealed record InvitationRequest
{
    /// <summary>Our id for the partner; generated when absent.</summary>
    public string? PartnerId { get; init; }

    public string? Name { get; init; }

    public PartnerFilterRequest? Filter { get; init; }
}
