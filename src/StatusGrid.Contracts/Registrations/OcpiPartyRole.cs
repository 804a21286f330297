namespace StatusGrid.Contracts.Registrations;

/// <summary>One role from a partner's credentials (2.1.1: its single party, role null).</summary>
[GenerateSerializer, Immutable]
public sealed record OcpiPartyRole(
    [property: Id(0)] string? Role,
    [property: Id(1)] string CountryCode,
    [property: Id(2)] string PartyId,
    [property: Id(3)] string? BusinessName);
