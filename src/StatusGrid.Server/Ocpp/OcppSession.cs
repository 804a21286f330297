using System.Buffers;
using System.Net.WebSockets;
using StatusGrid.Contracts.ChargePoints;

namespace StatusGrid.Server.Ocpp;

/// <summary>
/// One charge point's WebSocket on this silo. Reads frames one at a time (OCPP allows one outstanding CALL per
/// direction), answers each, and closes with a status code rather than failing: bad frames get CALLERRORs, an
/// oversized frame 1009, a binary frame 1003, a replaced connection 1008.
/// </summary>
public sealed partial class OcppSession(
    WebSocket socket, string identity, OcppProtocol protocol, DateTimeOffset openedAt, IGrainFactory grains, OcppOptions options,
    TimeSpan heartbeatInterval, TimeProvider time, ILogger logger) : IChargePointSession
{
    private readonly Guid _id = Guid.NewGuid();

    private readonly SemaphoreSlim _send = new(1, 1);

    /// <summary>
    /// Sends the close frame (1008 with the reason) beside a pending receive; the loop ends when the station answers
    /// it, or the socket is aborted if it does not within 5 s. (Cancelling the receive instead would abort at once.)
    /// </summary>
    public async Task Close(string reason)
    {
        LogClosing(identity, reason);
        await CloseAsync(WebSocketCloseStatus.PolicyViolation, reason);
        _ = Task.Delay(TimeSpan.FromSeconds(5), time).ContinueWith(_ =>
        {
            if (socket.State != WebSocketState.Closed)
            {
                socket.Abort();
            }
        }, TaskScheduler.Default);
    }

    public async Task RunAsync(CancellationToken aborted, CancellationToken serverStopping)
    {
        var grain = grains.GetGrain<IChargePointGrain>(ChargePointKey.For(identity));
        _grain = grain;
        var reference = grains.CreateObjectReference<IChargePointSession>(this);
        try
        {
            if (await grain.Connect(_id, protocol, reference, openedAt) != ChargePointCallResult.Ok)
            {
                await CloseAsync(WebSocketCloseStatus.PolicyViolation, "Not registered.");
                return;
            }

            LogConnected(identity, OcppSubprotocols.Name(protocol));
            var handler = new OcppCallHandler(grain, _id, protocol, time,
                async () => await grain.Connect(_id, protocol, reference, openedAt) == ChargePointCallResult.Ok)
            {
                HeartbeatInterval = heartbeatInterval,
            };
            await LoopAsync(handler, aborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The station went away: nothing to answer.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Our side failed (e.g. the grain call timed out on an overloaded silo): a clean 1011, and the station
            // reconnects with back-off, rather than an aborted socket.
            LogSessionFailed(ex, identity);
            await CloseAsync(WebSocketCloseStatus.InternalServerError, "Server error; reconnect later.");
        }
        finally
        {
            AbandonCall();
            LogDisconnected(identity);
            try
            {
                await grain.Disconnect(_id, stationLeft: !serverStopping.IsCancellationRequested);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogDisconnectFailed(ex, identity);
            }

            grains.DeleteObjectReference<IChargePointSession>(reference);
        }
    }

    private async Task LoopAsync(OcppCallHandler handler, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        while (socket.State == WebSocketState.Open)
        {
            buffer.ResetWrittenCount();
            var message = await ReceiveAsync(buffer, ct);
            if (message is null)
            {
                return;
            }

            var frame = OcppFrameReader.Read(buffer.WrittenSpan, protocol);
            var answer = frame switch
            {
                OcppCall call => await HandleCallAsync(handler, call),
                OcppBadFrame bad => Seen(handler, new OcppAnswer(OcppFrameWriter.Error(bad.MessageId, bad.Kind, bad.Description, protocol))),
                OcppReply reply => Seen(handler, Answered(reply)),
                _ => Seen(handler, Ignore(frame)),
            };

            if (answer.CloseReason is { } reason)
            {
                await CloseAsync(WebSocketCloseStatus.PolicyViolation, reason);
                return;
            }

            if (answer.Frame is { } bytes)
            {
                await SendFrameAsync(bytes, ct);
            }
        }
    }

    /// <summary>One frame at a time: answers and our own CALLs share the socket.</summary>
    private async Task SendFrameAsync(byte[] bytes, CancellationToken ct)
    {
        await _send.WaitAsync(ct);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct);
            }
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>A whole text message in <paramref name="buffer"/>; null when the connection ended or was closed by us.</summary>
    private async Task<bool?> ReceiveAsync(ArrayBufferWriter<byte> buffer, CancellationToken ct)
    {
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(4096), ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await CloseAsync(WebSocketCloseStatus.NormalClosure, "");
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Binary)
            {
                await CloseAsync(WebSocketCloseStatus.InvalidMessageType, "OCPP-J uses text frames only.");
                return null;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > options.MaxFrameBytes)
            {
                LogTooBig(identity, options.MaxFrameBytes);
                await CloseAsync(WebSocketCloseStatus.MessageTooBig, $"Messages are limited to {options.MaxFrameBytes} bytes.");
                return null;
            }

            if (result.EndOfMessage)
            {
                return true;
            }
        }
    }

    private async Task<OcppAnswer> HandleCallAsync(OcppCallHandler handler, OcppCall call)
    {
        try
        {
            return await handler.HandleAsync(call).WaitAsync(options.CallTimeout);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // No CALLRESULT unless the change is durable: the station keeps the message and may send it again.
            LogCallFailed(ex, identity, call.Action);
            return handler.Internal(call);
        }
    }

    /// <summary>A frame the grain does not see is still a sign of life (see <see cref="OcppCallHandler.Seen"/>).</summary>
    private static OcppAnswer Seen(OcppCallHandler handler, OcppAnswer answer)
    {
        handler.Seen();
        return answer;
    }

    private OcppAnswer Ignore(OcppFrame frame)
    {
        LogIgnored(identity, frame.ToString());
        return new OcppAnswer(null);
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        await _send.WaitAsync();
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(status, reason, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
        finally
        {
            _send.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Charge point {Identity} connected over {Subprotocol}")]
    private partial void LogConnected(string identity, string subprotocol);

    [LoggerMessage(Level = LogLevel.Information, Message = "Charge point {Identity}: closing the connection ({Reason})")]
    private partial void LogClosing(string identity, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Charge point {Identity} disconnected")]
    private partial void LogDisconnected(string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charge point {Identity}: could not record the disconnect")]
    private partial void LogDisconnectFailed(Exception ex, string identity);

    [LoggerMessage(Level = LogLevel.Error, Message = "Charge point {Identity}: session failed; closed with 1011")]
    private partial void LogSessionFailed(Exception ex, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charge point {Identity}: {Action} failed; answered InternalError")]
    private partial void LogCallFailed(Exception ex, string identity, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Charge point {Identity}: ignored {Frame}")]
    private partial void LogIgnored(string identity, string frame);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charge point {Identity}: message over {MaxFrameBytes} bytes; connection closed")]
    private partial void LogTooBig(string identity, int maxFrameBytes);
}
