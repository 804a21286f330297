using StatusGrid.Contracts.ChargePoints;

namespace StatusGrid.Server.Ocpp;

/// <summary>What to do with a CALL: the frame to answer with, and whether the connection must close instead.</summary>
public sealed record OcppAnswer(byte[]? Frame, string? CloseReason = null);

/// <summary>
/// Answers one CALL of one connection: schema check, then the charge point grain, then the CALLRESULT. Calls of one
/// connection are handled one at a time, in order. <paramref name="rejoin"/> announces the connection to the grain again
/// (true when it took it).
/// </summary>
public sealed class OcppCallHandler(
    IChargePointGrain grain, Guid sessionId, OcppProtocol protocol, TimeProvider time, Func<Task<bool>> rejoin)
{
    /// <summary>When the grain last heard from this connection (a timestamp of <c>time</c>); 0: not yet.</summary>
    private long _toldAlive;

    public async Task<OcppAnswer> HandleAsync(OcppCall call)
    {
        if (OcppMessages.Request(protocol, call.Action) is not { } schema)
        {
            Seen();
            return OcppActions.IsKnown(protocol, call.Action)
                ? Error(call, OcppErrorKind.NotSupported, $"{call.Action} is not supported: this endpoint takes BootNotification, Heartbeat, StatusNotification and (2.0.1) NotifyEvent.")
                : Error(call, OcppErrorKind.NotImplemented, $"Unknown action '{call.Action}'.");
        }

        if (schema.Validate(call.Payload) is { } violation)
        {
            Seen();
            return Error(call, violation.Kind, violation.Message);
        }

        var now = time.GetUtcNow();
        Volatile.Write(ref _toldAlive, time.GetTimestamp()); // every call below is a sign of life to the grain
        var result = await DispatchAsync(call, now);
        if (result == ChargePointCallResult.NotConnected && await rejoin())
        {
            // The grain re-activated and forgot this socket (its silo died): announce it again, then repeat the call.
            result = await DispatchAsync(call, now);
        }

        return result switch
        {
            ChargePointCallResult.Ok => new OcppAnswer(Answer(call, now)),
            ChargePointCallResult.NotBooted => Error(call, OcppErrorKind.SecurityError, "Send a BootNotification first."),
            ChargePointCallResult.Superseded => new OcppAnswer(null, "A newer connection of this charge point replaced this one."),
            ChargePointCallResult.NotConnected => Internal(call),
            _ => new OcppAnswer(null, "This charge point is no longer registered."),
        };
    }

    private async Task<ChargePointCallResult> DispatchAsync(OcppCall call, DateTimeOffset now) => call.Action switch
    {
        OcppMessages.BootNotification => await grain.Boot(sessionId, OcppPayloads.Boot(protocol, call.Payload, now)),
        OcppMessages.Heartbeat => await grain.Heartbeat(sessionId),
        OcppMessages.NotifyEvent => await ReportEventsAsync(call, now),
        _ => await grain.ReportStatus(sessionId, OcppPayloads.Status(protocol, call.Payload, now)),
    };

    /// <summary>
    /// A NotifyEvent's connector statuses, one after another, each durable before the next (the answer waits for all);
    /// one without any is still a sign of life.
    /// </summary>
    private async Task<ChargePointCallResult> ReportEventsAsync(OcppCall call, DateTimeOffset now)
    {
        var reported = false;
        foreach (var report in OcppPayloads.AvailabilityReports(call.Payload, now))
        {
            reported = true;
            if (await grain.ReportStatus(sessionId, report) is not ChargePointCallResult.Ok and var refused)
            {
                return refused;
            }
        }

        return reported ? ChargePointCallResult.Ok : await grain.Heartbeat(sessionId);
    }

    /// <summary>
    /// Any message is a sign of life (OCPP 1.6: the heartbeat interval counts inactivity, so a station sending
    /// MeterValues may skip Heartbeats). A message the grain does not see tells it so at most every half heartbeat
    /// interval, as a Heartbeat would. Not awaited: the message's answer never waits for it, and a failed call only
    /// loses that sign (the next message tries again).
    /// </summary>
    public void Seen()
    {
        if (Volatile.Read(ref _toldAlive) is var told && told != 0 && time.GetElapsedTime(told) < HeartbeatInterval / 2)
        {
            return;
        }

        Volatile.Write(ref _toldAlive, time.GetTimestamp());
        _ = TellAliveAsync();
    }

    private async Task TellAliveAsync()
    {
        try
        {
            await grain.Heartbeat(sessionId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Volatile.Write(ref _toldAlive, 0);
        }
    }

    public OcppAnswer Internal(OcppCall call) => Error(call, OcppErrorKind.InternalError, "The status could not be stored; send it again.");

    private byte[] Answer(OcppCall call, DateTimeOffset now) => call.Action switch
    {
        OcppMessages.BootNotification => OcppFrameWriter.Result(call.MessageId, w =>
        {
            w.WriteString("currentTime", OcppFrameWriter.Time(now));
            w.WriteNumber("interval", (int)Math.Max(1, Math.Round(HeartbeatInterval.TotalSeconds)));
            w.WriteString("status", "Accepted");
        }),
        OcppMessages.Heartbeat => OcppFrameWriter.Result(call.MessageId, w => w.WriteString("currentTime", OcppFrameWriter.Time(now))),
        _ => OcppFrameWriter.Result(call.MessageId, _ => { }),
    };

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMinutes(5);

    private OcppAnswer Error(OcppCall call, OcppErrorKind kind, string description) =>
        new(OcppFrameWriter.Error(call.MessageId, kind, description, protocol));
}
