using StatusGrid.Contracts.ChargePoints;

namespace StatusGrid.Server.Ocpp;

/// <summary>
/// A charge point in the admin API: mapping, connection, boot and connector statuses. <see cref="Password"/> is set
/// only in the answer to the PUT that generated it (the one time it is shown); otherwise null and left out.
/// </summary>
public sealed record ChargePointResponse(
    string Identity,
    IReadOnlyList<ConnectorMappingRequest> Connectors,
    IReadOnlyList<EvseMappingRequest> Evses,
    bool Connected,
    string? Protocol,
    bool Offline,
    DateTimeOffset? LastSeen,
    BootResponse? Boot,
    IReadOnlyList<ConnectorStatusResponse> ConnectorStatuses,
    string? Password = null)
{
    public static ChargePointResponse From(ChargePointView view) => new(
        view.Identity,
        [.. view.Connectors16.Select(m => new ConnectorMappingRequest(m.OcppId, m.LocationId, m.EvseUid))],
        [.. view.Evses201.Select(m => new EvseMappingRequest(m.OcppId, m.LocationId, m.EvseUid))],
        view.Connected,
        view.Protocol is { } p ? OcppSubprotocols.Name(p) : null,
        view.Offline,
        view.LastSeen,
        view.Boot is { } b ? new BootResponse(b.Vendor, b.Model, b.SerialNumber, b.FirmwareVersion, b.Reason, b.BootedAt) : null,
        [.. view.Connectors.Select(c => new ConnectorStatusResponse(c.EvseId, c.ConnectorId, c.State.ToString(), c.ObservedAt, c.ErrorCode))]);
}

public sealed record BootResponse(string Vendor, string Model, string? SerialNumber, string? FirmwareVersion, string? Reason, DateTimeOffset BootedAt);

/// <summary>One connector's last OCPP status, spelled as OCPP spells it. 1.6 connectors have evse_id 0.</summary>
public sealed record ConnectorStatusResponse(int EvseId, int ConnectorId, string Status, DateTimeOffset ObservedAt, string? ErrorCode);
