using System.Collections.Immutable;
using System.Net.WebSockets;
using System.Text.Json;
using StatusGrid.Contracts.ChargePoints;

namespace StatusGrid.Server.Ocpp;

/// <summary>
/// The one CALL this endpoint sends: TriggerMessage(StatusNotification), when the charge point grain asks for a
/// station's status after it was offline. One at a time (OCPP allows one outstanding CALL per direction), each
/// waiting for its answer up to <see cref="OcppOptions.CallTimeout"/>. A station that does not answer is asked
/// nothing more on this connection; one that does not implement it (a CALLERROR, or status NotImplemented) is told to
/// its grain, which asks it nothing more until it boots again; a Rejected one goes on to the next connector. The
/// statuses themselves arrive as StatusNotification CALLs like any other.
/// </summary>
public sealed partial class OcppSession
{
    private const string TriggerMessage = "TriggerMessage";

    /// <summary>1 while a round of triggers runs: a second request meanwhile is dropped, the round asks for it all.</summary>
    private int _triggering;

    private OutstandingCall? _outstanding;

    /// <summary>This connection's charge point grain, once <see cref="RunAsync"/> has it.</summary>
    private IChargePointGrain? _grain;

    public Task RequestStatus(ImmutableArray<StatusTrigger> triggers)
    {
        if (Interlocked.Exchange(ref _triggering, 1) == 0)
        {
            _ = TriggerAsync(triggers);
        }

        return Task.CompletedTask;
    }

    private async Task TriggerAsync(ImmutableArray<StatusTrigger> triggers)
    {
        try
        {
            foreach (var trigger in triggers)
            {
                var reply = await CallAsync(TriggerMessage, w => WriteTrigger(w, trigger));
                if (reply is null)
                {
                    LogTriggerUnanswered(identity, options.CallTimeout);
                    return;
                }

                if (reply.MessageType == 4 || reply.Status == "NotImplemented")
                {
                    LogTriggerNotImplemented(identity, reply.ErrorCode ?? reply.Status ?? "");
                    await RememberNotImplementedAsync();

                    return;
                }

                if (reply.Status != "Accepted")
                {
                    LogTriggerRejected(identity, trigger.EvseId, trigger.ConnectorId, reply.Status ?? "");
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended: the next one is asked again if the station was offline by then.
        }
        finally
        {
            Volatile.Write(ref _triggering, 0);
        }
    }

    private async Task RememberNotImplementedAsync()
    {
        try
        {
            if (_grain is { } grain)
            {
                await grain.TriggerNotImplemented(_id);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not remembered (an overloaded or failing silo): the station is asked once more on its next connection.
            LogTriggerMemoFailed(ex, identity);
        }
    }

    private void WriteTrigger(Utf8JsonWriter writer, StatusTrigger trigger)
    {
        writer.WriteString("requestedMessage", "StatusNotification");
        if (protocol == OcppProtocol.Ocpp16)
        {
            if (trigger.ConnectorId is { } connector)
            {
                writer.WriteNumber("connectorId", connector);
            }

            return;
        }

        if (trigger.EvseId is { } evse)
        {
            writer.WriteStartObject("evse");
            writer.WriteNumber("id", evse);
            if (trigger.ConnectorId is { } connector)
            {
                writer.WriteNumber("connectorId", connector);
            }

            writer.WriteEndObject();
        }
    }

    /// <summary>Sends a CALL and waits for its answer; null when none came in time.</summary>
    private async Task<OcppReply?> CallAsync(string action, Action<Utf8JsonWriter> payload)
    {
        var call = new OutstandingCall(Guid.NewGuid().ToString());
        Volatile.Write(ref _outstanding, call);
        try
        {
            await SendFrameAsync(OcppFrameWriter.Call(call.Id, action, payload), CancellationToken.None);
            return await call.Reply.Task.WaitAsync(options.CallTimeout, time);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            Interlocked.CompareExchange(ref _outstanding, null, call);
        }
    }

    /// <summary>A CALLRESULT or CALLERROR from the station: the answer to our outstanding CALL, or stray.</summary>
    private OcppAnswer Answered(OcppReply reply)
    {
        if (Volatile.Read(ref _outstanding) is { } call && call.Id == reply.MessageId)
        {
            call.Reply.TrySetResult(reply);
            return new OcppAnswer(null);
        }

        return Ignore(reply);
    }

    /// <summary>The connection ended: a CALL still waiting will get no answer.</summary>
    private void AbandonCall() => Volatile.Read(ref _outstanding)?.Reply.TrySetCanceled();

    private sealed record OutstandingCall(string Id)
    {
        public TaskCompletionSource<OcppReply> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charge point {Identity} did not answer TriggerMessage within {Timeout}; its status waits for its next report")]
    private partial void LogTriggerUnanswered(string identity, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charge point {Identity} does not take TriggerMessage ({Answer}); not asked again until it boots, its status waits for its next report")]
    private partial void LogTriggerNotImplemented(string identity, string answer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charge point {Identity}: could not note that it does not take TriggerMessage; it is asked again on its next connection")]
    private partial void LogTriggerMemoFailed(Exception exception, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Charge point {Identity} answered {Answer} to TriggerMessage(StatusNotification) for EVSE {EvseId} connector {ConnectorId}")]
    private partial void LogTriggerRejected(string identity, int? evseId, int? connectorId, string answer);
}
