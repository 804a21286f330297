using System.Text.Json;

namespace StatusGrid.Server.Ocpp;

/// <summary>What one inbound WebSocket text message turned out to be.</summary>
public abstract record OcppFrame;

/// <summary>A well-formed CALL; its payload is an object, not yet checked against the action's schema.</summary>
public sealed record OcppCall(string MessageId, string Action, JsonElement Payload) : OcppFrame;

/// <summary>
/// A CALLRESULT (3) or CALLERROR (4). It answers our TriggerMessage when its id is that CALL's; any other is stray and
/// only logged. <see cref="Status"/>: a CALLRESULT payload's <c>status</c> string, if any; <see cref="ErrorCode"/>: a
/// CALLERROR's code.
/// </summary>
public sealed record OcppReply(int MessageType, string MessageId, string? Status = null, string? ErrorCode = null) : OcppFrame;

/// <summary>A frame to answer with a CALLERROR. <see cref="MessageId"/> is "-1" when it could not be read.</summary>
public sealed record OcppBadFrame(string MessageId, OcppErrorKind Kind, string Description) : OcppFrame;

/// <summary>A frame OCPP 1.6 says to ignore (an unknown message type).</summary>
public sealed record OcppIgnoredFrame(string Reason) : OcppFrame;
