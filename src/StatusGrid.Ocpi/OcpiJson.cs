using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi;

/// <summary>The one serializer configuration for OCPI payloads.</summary>
public static class OcpiJson
{
    /// <summary>
    /// snake_case names, nulls left out when writing, closed enums as their OCPI strings, DateTimeOffset in the
    /// OCPI UTC form (see <see cref="OcpiDateTime"/>). Unknown JSON properties are ignored (OCPI 2.3.0 rule,
    /// applied to every version). Read-only; safe to share.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            RespectNullableAnnotations = true,
            // Raw UTF-8 instead of \u escapes: partners read names like "Malmö" more easily; still valid JSON.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new OcpiDateTimeConverter());
        options.MakeReadOnly();
        return options;
    }
}
