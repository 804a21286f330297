using System.Text.Json;
using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Json;

/// <summary>Reads and writes <see cref="DateTimeOffset"/> with the OCPI rules of <see cref="OcpiDateTime"/>.</summary>
internal sealed class OcpiDateTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("expected an OCPI DateTime string");
        }

        // Longer than any permitted shape: reject before decoding.
        var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (rawLength > 64)
        {
            throw new JsonException("not an OCPI DateTime: value too long");
        }

        Span<char> chars = stackalloc char[64];
        var length = reader.CopyString(chars);
        if (!OcpiDateTime.TryParse(chars[..length], out var value, out var error))
        {
            throw new JsonException($"not an OCPI DateTime: {error}");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> buffer = stackalloc byte[OcpiDateTime.MaxFormattedLength];
        OcpiDateTime.TryFormat(value, buffer, out var written);
        writer.WriteStringValue(buffer[..written]);
    }
}
