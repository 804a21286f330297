using System.Text.Json;
using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Server.Ocpp;

/// <summary>
/// Reads the RPC envelope <c>[type, "id", ...]</c> of OCPP-J. Anything that is not one of the three message types
/// becomes an <see cref="OcppBadFrame"/> to answer, never an exception.
/// </summary>
public static class OcppFrameReader
{
    public const int MaxMessageIdLength = 36;
    public const string UnreadableId = "-1";

    public static OcppFrame Read(ReadOnlySpan<byte> utf8, OcppProtocol protocol)
    {
        // 2.0.1 has a code for "not a valid RPC frame"; 1.6 leaves it undefined and we use FormationViolation.
        var framing = protocol == OcppProtocol.Ocpp16 ? OcppErrorKind.FormationViolation : OcppErrorKind.RpcFrameworkError;
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 32 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            // Never echo the invalid text back (OCPP 2.0.1 Part 4 §4.2.3).
            return new OcppBadFrame(UnreadableId, framing, "The message is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() < 2)
            {
                return new OcppBadFrame(UnreadableId, framing, "An OCPP-J message is a JSON array [MessageTypeId, MessageId, ...].");
            }

            var idElement = root[1];
            if (idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { Length: > 0 and <= MaxMessageIdLength } id)
            {
                return new OcppBadFrame(UnreadableId, framing, $"The MessageId must be a string of 1 to {MaxMessageIdLength} characters.");
            }

            if (root[0].ValueKind != JsonValueKind.Number || !root[0].TryGetInt32(out var type))
            {
                return new OcppBadFrame(id, framing, "The MessageTypeId must be the number 2, 3 or 4.");
            }

            return type switch
            {
                2 => ReadCall(root, id, protocol, framing),
                3 or 4 => ReadReply(root, type, id),
                _ when protocol == OcppProtocol.Ocpp16 => new OcppIgnoredFrame($"Unknown MessageTypeId {type}."),
                _ => new OcppBadFrame(id, OcppErrorKind.MessageTypeNotSupported, $"MessageTypeId {type} is not supported."),
            };
        }
    }

    /// <summary>Only what answering our own CALLs needs: a CALLRESULT's status, a CALLERROR's code.</summary>
    private static OcppReply ReadReply(JsonElement root, int type, string id)
    {
        var third = root.GetArrayLength() > 2 ? root[2] : default;
        return type == 3
            ? new OcppReply(type, id, Status: third.ValueKind == JsonValueKind.Object && third.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.String ? status.GetString() : null)
            : new OcppReply(type, id, ErrorCode: third.ValueKind == JsonValueKind.String ? third.GetString() : null);
    }

    private static OcppFrame ReadCall(JsonElement root, string id, OcppProtocol protocol, OcppErrorKind framing)
    {
        var shape = protocol == OcppProtocol.Ocpp16 ? OcppErrorKind.ProtocolError : framing;
        if (root.GetArrayLength() != 4)
        {
            return new OcppBadFrame(id, shape, "A CALL is [2, MessageId, Action, Payload].");
        }

        if (root[2].ValueKind != JsonValueKind.String || root[2].GetString() is not { Length: > 0 } action)
        {
            return new OcppBadFrame(id, shape, "The Action of a CALL must be a non-empty string.");
        }

        if (root[3].ValueKind != JsonValueKind.Object)
        {
            return new OcppBadFrame(id, OcppErrorKind.FormationViolation, "The payload of a CALL must be a JSON object.");
        }

        // "status":"Available","status":"Faulted" is two statuses in one report: refused, never read as one of them.
        if (JsonNames.FirstRepeated(root[3], out var nameNotText) is { } repeated)
        {
            return new OcppBadFrame(id, OcppErrorKind.FormationViolation, $"{repeated} appears more than once in the payload; which value is meant is ambiguous, send it once.");
        }

        if (nameNotText)
        {
            return new OcppBadFrame(id, OcppErrorKind.FormationViolation, "A property name in the payload is not text (invalid UTF-8 or an escaped lone surrogate).");
        }

        return new OcppCall(id, action, root[3].Clone());
    }
}
