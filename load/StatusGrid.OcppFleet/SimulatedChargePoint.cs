using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace StatusGrid.OcppFleet;

/// <summary>
/// One simulated station: a ClientWebSocket speaking OCPP-J 1.6 or 2.0.1, one CALL at a time (as OCPP requires), each
/// answered before the next. Its EVSE is connector 1 (1.6) or EVSE 1 (2.0.1). A receive is always pending, as in a
/// real station: .NET answers the server's pings only while one is, and the server drops a station whose pong does
/// not come within its KeepAliveTimeout. A CALL from the server (TriggerMessage) is answered NotImplemented.
/// </summary>
public sealed class SimulatedChargePoint(string identity, bool v201, string password)
{
    private ClientWebSocket? _socket;
    private int _messageId;
    private long _lastTimestampMs;
    private readonly byte[] _buffer = new byte[8192];
    private TaskCompletionSource<string>? _answer;
    private readonly SemaphoreSlim _send = new(1, 1);

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
        _ = ReadLoopAsync(socket);
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
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _answer = answer;
        await SendAsync(socket, $"[2,\"{id}\",\"{action}\",{payload}]", ct);
        var text = await answer.Task.WaitAsync(ct);
        using var frame = JsonDocument.Parse(text);
        if (frame.RootElement[0].GetInt32() != 3)
        {
            throw new InvalidOperationException($"{identity}: {action} answered {text}");
        }
    }

    /// <summary>Reads every frame: answers go to the CALL waiting for one; the server's CALLs get NotImplemented.</summary>
    private async Task ReadLoopAsync(ClientWebSocket socket)
    {
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(_buffer.AsMemory(count), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        throw new WebSocketException($"{identity}: closed by the server ({socket.CloseStatus} {socket.CloseStatusDescription}).");
                    }

                    count += result.Count;
                }
                while (!result.EndOfMessage);

                var text = Encoding.UTF8.GetString(_buffer, 0, count);
                using var frame = JsonDocument.Parse(text);
                if (frame.RootElement[0].GetInt32() == 2)
                {
                    var callId = frame.RootElement[1].GetString();
                    await SendAsync(socket, $"[4,\"{callId}\",\"NotImplemented\",\"\",{{}}]", CancellationToken.None);
                    continue;
                }

                _answer?.TrySetResult(text);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or JsonException)
        {
            _answer?.TrySetException(ex);
        }
    }

    /// <summary>One send at a time: a CALL and the answer to a server's CALL may cross.</summary>
    private async Task SendAsync(ClientWebSocket socket, string frame, CancellationToken ct)
    {
        await _send.WaitAsync(ct);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, ct);
        }
        finally
        {
            _send.Release();
        }
    }

    public void Abort() => _socket?.Abort();
}
