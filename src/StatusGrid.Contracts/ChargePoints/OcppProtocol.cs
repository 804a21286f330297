namespace StatusGrid.Contracts.ChargePoints;

/// <summary>The OCPP-J version a connection negotiated through its WebSocket subprotocol.</summary>
[GenerateSerializer]
public enum OcppProtocol
{
    /// <summary>Subprotocol <c>ocpp1.6</c>.</summary>
    Ocpp16,

    /// <summary>Subprotocol <c>ocpp2.0.1</c>.</summary>
    Ocpp201,
}
