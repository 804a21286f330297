using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace StatusGrid.OcppFleet;

/// <summary>
/// One simulated station: a ClientWebSocket speaking OCPP-J 1.6 or 2.0.1, one CALL at a time (as OCPP requires), each
/// answered before the next. Its EVSE is connector 1 (1.6) or EVSE 1 (2.0.1).
/// </summary>
public sealed class SimulatedChargePoint(string identity, bool v201, string password)
{
    private ClientWebSocket? _socket;
    private int _messageId;
    private long _lastTimestampMs;
    private readonly byte[] _buffer = new byte[8192];

    public string Identity => identity;

    public bool V201 => v201;

    public bool Connected => _socket?.State == WebSocketState.Open;

    public async Task ConnectAsync(Uri server, CancellationToken ct)
    {
        _socket?.Dispose();
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(v201 ? "ocpp2.0.1" : "ocpp1.6");
        socket.Options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{identity}:{password}")));
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        var ws = new Uri(server.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "ocpp/" + identity);
        await socket.ConnectAsync(ws, ct);
        _socket = socket;
    }

    public Task BootAsync(CancellationToken ct) => CallAsync("BootNotification", v201
        ? """{"reason":"PowerUp","chargingStation":{"vendorName":"StatusGrid","model":"Fleet-201"}}"""
        : """{"chargePointVendor":"StatusGrid","chargePointModel":"Fleet-16"}""", ct);

    /// <summary>Sends a StatusNotification observed now (strictly later than this station's previous one) and returns its time.</summary>
    public async Task<DateTimeOffset> ReportAsync(bool busy, CancellationToken ct)
    {
        var ms = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), _lastTimestampMs + 1);
        _lastTimestampMs = ms;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        var timestamp = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var payload = v201
            ? $$"""{"timestamp":"{{timestamp}}","connectorStatus":"{{(busy ? "Occupied" : "Available")}}","evseId":1,"connectorId":1}"""
            : $$"""{"connectorId":1,"errorCode":"NoError","status":"{{(busy ? "Charging" : "Available")}}","timestamp":"{{timestamp}}"}""";
        await CallAsync("StatusNotification", payload, ct);
        return at;
    }

    private async Task CallAsync(string action, string payload, CancellationToken ct)
    {
        var socket = _socket ?? throw new InvalidOperationException("Not connected.");
        var id = (++_messageId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await socket.SendAsync(Encoding.UTF8.GetBytes($"[2,\"{id}\",\"{action}\",{payload}]"), WebSocketMessageType.Text, true, ct);
        var count = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(_buffer.AsMemory(count), ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException($"{identity}: closed by the server ({socket.CloseStatus} {socket.CloseStatusDescription}).");
            }

            count += result.Count;
            if (result.EndOfMessage)
            {
                break;
            }
        }

        using var answer = JsonDocument.Parse(_buffer.AsMemory(0, count));
        if (answer.RootElement[0].GetInt32() != 3)
        {
            throw new InvalidOperationException($"{identity}: {action} answered {Encoding.UTF8.GetString(_buffer, 0, count)}");
        }
    }

    public void Abort() => _socket?.Abort();
}
