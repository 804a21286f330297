using System.Buffers;
using System.Text.Json;
using StatusGrid.Contracts.ChargePoints;

namespace StatusGrid.Server.Ocpp;

/// <summary>Writes CALL, CALLRESULT and CALLERROR frames as UTF-8 JSON.</summary>
public static class OcppFrameWriter
{
    public const int MaxErrorDescriptionLength = 255;

    public static byte[] Result(string messageId, Action<Utf8JsonWriter> payload) => Frame(3, messageId, null, payload);

    public static byte[] Call(string messageId, string action, Action<Utf8JsonWriter> payload) => Frame(2, messageId, action, payload);

    private static byte[] Frame(int type, string messageId, string? action, Action<Utf8JsonWriter> payload)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(type);
            writer.WriteStringValue(messageId);
            if (action is not null)
            {
                writer.WriteStringValue(action);
            }

            writer.WriteStartObject();
            payload(writer);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Error(string messageId, OcppErrorKind kind, string description, OcppProtocol protocol)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(4);
            writer.WriteStringValue(messageId);
            writer.WriteStringValue(OcppErrors.Code(kind, protocol));
            writer.WriteStringValue(description.Length > MaxErrorDescriptionLength ? description[..MaxErrorDescriptionLength] : description);
            writer.WriteStartObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>UTC, milliseconds, Z: valid for both versions' date-time.</summary>
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
