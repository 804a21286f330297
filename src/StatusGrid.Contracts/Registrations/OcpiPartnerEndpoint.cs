namespace StatusGrid.Contracts.Registrations;

/// <summary>One module endpoint of a partner, as its version details listed it (role is null in 2.1.1).</summary>
[GenerateSerializer, Immutable]
public sealed record OcpiPartnerEndpoint(
    [property: Id(0)] string Identifier,
    [property: Id(1)] string? Role,
    [property: Id(2)] string Url);
