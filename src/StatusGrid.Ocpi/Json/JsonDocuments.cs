using System.Text.Json;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Ocpi.Json;

/// <summary>Strict JSON parsing that reports syntax errors as an <see cref="OcpiValidationError"/> instead of throwing.</summary>
internal static class JsonDocuments
{
    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    public static bool TryParse(ReadOnlySpan<byte> utf8Json, out JsonDocument? document, out OcpiValidationError? error)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        document = null;
        try
        {
            document = JsonDocument.ParseValue(ref reader);

            // Anything but whitespace after the value is a syntax error (Read throws on it).
            reader.Read();
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            document?.Dispose();
            document = null;
            error = Describe(ex, utf8Json.IsEmpty);
            return false;
        }
    }

    public static OcpiValidationError Describe(JsonException ex, bool empty)
    {
        if (empty)
        {
            return new OcpiValidationError(string.Empty, "invalid JSON: the body is empty");
        }

        var detail = ex.Message;
        var cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            detail = detail[..cut];
        }

        var line = (ex.LineNumber ?? 0) + 1;
        var position = (ex.BytePositionInLine ?? 0) + 1;
        return new OcpiValidationError(string.Empty, $"invalid JSON at line {line}, byte {position}: {detail}");
    }
}
