using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace StatusGrid.MockEmsp;

/// <summary>Reads <c>last_updated</c> (and <c>status</c>) from an EVSE PATCH body without building a DOM.</summary>
public static class PatchBody
{
    public static (string? Status, long? LastUpdatedUnixMs) Read(ReadOnlySequence<byte> body)
    {
        string? status = null;
        long? lastUpdated = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                // Only top-level properties: a PATCH body is flat.
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                if (reader.ValueTextEquals("last_updated"u8))
                {
                    reader.Read();
                    lastUpdated = reader.TokenType == JsonTokenType.String ? ParseUnixMs(reader.GetString()) : null;
                }
                else if (reader.ValueTextEquals("status"u8))
                {
                    reader.Read();
                    status = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
            }
        }
        catch (JsonException)
        {
            // A malformed body is still an arrival; it just cannot be correlated.
        }

        return (status, lastUpdated);
    }

    /// <summary>OCPI DateTime (UTC, optional fraction, optional Z) to Unix milliseconds; null when unreadable.</summary>
    public static long? ParseUnixMs(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value.ToUnixTimeMilliseconds()
            : null;
}
