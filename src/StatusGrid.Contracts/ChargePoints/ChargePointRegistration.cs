using System.Collections.Immutable;

namespace StatusGrid.Contracts.ChargePoints;

/// <summary>
/// A charge point the CPO allows in: its identity, the PBKDF2 hashes its Basic password may match (never the
/// password), and how its 1.6 connectors and 2.0.1 EVSEs map to our EVSEs.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChargePointRegistration(
    [property: Id(0)] string Identity,
    [property: Id(1)] ImmutableArray<string> PasswordHashes,
    [property: Id(2)] ImmutableArray<EvseMapping> Connectors16,
    [property: Id(3)] ImmutableArray<EvseMapping> Evses201);
