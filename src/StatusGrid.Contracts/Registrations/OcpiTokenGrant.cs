namespace StatusGrid.Contracts.Registrations;

/// <summary>Who a token belongs to and what it allows. The token itself is never stored, only its hash (the grain key).</summary>
[GenerateSerializer, Immutable]
public sealed record OcpiTokenGrant(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] OcpiTokenKind Kind);
