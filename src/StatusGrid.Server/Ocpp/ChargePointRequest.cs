namespace StatusGrid.Server.Ocpp;

/// <summary>
/// Body of <c>PUT /api/admin/charge-points/{identity}</c> (snake_case JSON). Either <c>password</c> (supplied, stored
/// as PBKDF2) or <c>generate_password: true</c> (StatusGrid makes a 160-bit secret and returns it once).
/// </summary>
public sealed record ChargePointRequest(
    string? Password,
    IReadOnlyList<ConnectorMappingRequest>? Connectors,
    IReadOnlyList<EvseMappingRequest>? Evses,
    bool? GeneratePassword = null);

/// <summary>A 1.6 connector (connectorId ≥ 1) and the EVSE of ours it belongs to.</summary>
public sealed record ConnectorMappingRequest(int ConnectorId, string? LocationId, string? EvseUid);

/// <summary>A 2.0.1 EVSE (evseId ≥ 1) and the EVSE of ours it is.</summary>
public sealed record EvseMappingRequest(int EvseId, string? LocationId, string? EvseUid);
