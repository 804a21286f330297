using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Ocpi.Json;

/// <summary>
/// Walks a parsed JSON document against the model's serializer metadata before deserializing, so that every
/// wrong JSON type, missing required field, null in a required field, unknown closed-enum value and malformed
/// DateTime is reported with its path, instead of the serializer stopping at the first one.
/// Unknown properties are ignored (OCPI 2.3.0 extensibility rule); a property named twice in one object is refused.
/// </summary>
internal static class StructureChecker
{
    // GetTypeInfo re-checks the type on every call (a quarter of a bulk import's parse time); the metadata is fixed.
    private static readonly ConcurrentDictionary<Type, JsonTypeInfo> TypeInfos = new();

    public static void Check(JsonElement element, Type type, string path, List<OcpiValidationError> errors)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(JsonElement))
        {
            // Free-form payload (envelope data): any JSON is acceptable here.
        }
        else if (target == typeof(string))
        {
            if (Expect(element, JsonValueKind.String, "a string", path, errors))
            {
                TryGetString(element, path, errors, out _);
            }
        }
        else if (target == typeof(bool))
        {
            if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                WrongKind(element, "a boolean", path, errors);
            }
        }
        else if (target == typeof(int))
        {
            if (Expect(element, JsonValueKind.Number, "an integer", path, errors) && !element.TryGetInt32(out _))
            {
                errors.Add(new(path, $"'{Name(path)}' must be an integer, but is {element.GetRawText()}"));
            }
        }
        else if (target == typeof(decimal))
        {
            if (Expect(element, JsonValueKind.Number, "a number", path, errors) && !element.TryGetDecimal(out _))
            {
                errors.Add(new(path, $"'{Name(path)}' is not a representable number: {element.GetRawText()}"));
            }
        }
        else if (target == typeof(DateTimeOffset))
        {
            if (Expect(element, JsonValueKind.String, "an OCPI DateTime string", path, errors)
                && TryGetString(element, path, errors, out var text)
                && !OcpiDateTime.TryParse(text, out _, out var error))
            {
                errors.Add(new(path, $"'{Name(path)}' is not a valid OCPI DateTime ('{text}'): {error}"));
            }
        }
        else if (target.IsEnum)
        {
            CheckEnum(element, target, path, errors);
        }
        else
        {
            CheckComposite(element, TypeInfos.GetOrAdd(target, static t => OcpiJson.Options.GetTypeInfo(t)), path, errors);
        }
    }

    private static void CheckComposite(JsonElement element, JsonTypeInfo info, string path, List<OcpiValidationError> errors)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable:
                if (!Expect(element, JsonValueKind.Array, "an array", path, errors))
                {
                    return;
                }

                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var itemPath = JsonPaths.Item(path, index++);
                    if (item.ValueKind == JsonValueKind.Null)
                    {
                        errors.Add(new(itemPath, $"'{Name(path)}' must not contain null"));
                    }
                    else
                    {
                        Check(item, info.ElementType!, itemPath, errors);
                    }
                }

                return;
            case JsonTypeInfoKind.Object:
                if (!Expect(element, JsonValueKind.Object, "an object", path, errors))
                {
                    return;
                }

                if (JsonNames.FirstRepeated(element, out var nameNotText) is { } repeated)
                {
                    // Which occurrence would count is not ours to guess (a status named twice is two statuses).
                    errors.Add(new(JsonPaths.Field(path, repeated), $"'{repeated}' appears more than once in the object; which value is meant is ambiguous, send it once"));
                    return;
                }

                if (nameNotText)
                {
                    errors.Add(new(path, "a property name in the object is not text (invalid UTF-8 or an escaped lone surrogate)"));
                    return;
                }

                foreach (var property in info.Properties)
                {
                    CheckProperty(element, property, path, errors);
                }

                return;
            default:
                throw new NotSupportedException($"No OCPI structure rule for {info.Type}");
        }
    }

    private static void CheckProperty(JsonElement parent, JsonPropertyInfo property, string path, List<OcpiValidationError> errors)
    {
        // Most optional properties are absent: their path is only built when there is something to report.
        if (!parent.TryGetProperty(property.Name, out var value))
        {
            if (property.IsRequired)
            {
                errors.Add(new(JsonPaths.Field(path, property.Name), $"required field '{property.Name}' is missing"));
            }

            return;
        }

        var propertyPath = JsonPaths.Field(path, property.Name);

        if (value.ValueKind == JsonValueKind.Null)
        {
            // Cardinality '?' and '*' allow null; '1' and '+' do not.
            if (property.IsRequired || !property.IsSetNullable)
            {
                errors.Add(new(propertyPath, $"required field '{property.Name}' must not be null"));
            }

            return;
        }

        Check(value, property.PropertyType, propertyPath, errors);
    }

    private static void CheckEnum(JsonElement element, Type enumType, string path, List<OcpiValidationError> errors)
    {
        if (!Expect(element, JsonValueKind.String, "a string", path, errors))
        {
            return;
        }

        var names = OcpiEnumNames.For(enumType);
        if (TryGetString(element, path, errors, out var text) && !names.ContainsKey(text))
        {
            errors.Add(new(path, $"'{Name(path)}' has unknown value '{text}'; expected one of {string.Join(", ", names.Keys.Order(StringComparer.Ordinal))}"));
        }
    }

    /// <summary>Strings with an escaped lone surrogate are valid JSON syntax but not text; report them.</summary>
    private static bool TryGetString(JsonElement element, string path, List<OcpiValidationError> errors, out string text)
    {
        try
        {
            text = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            errors.Add(new(path, $"'{Name(path)}' contains an invalid Unicode escape (lone surrogate)"));
            text = string.Empty;
            return false;
        }
    }

    private static bool Expect(JsonElement element, JsonValueKind kind, string what, string path, List<OcpiValidationError> errors)
    {
        if (element.ValueKind == kind)
        {
            return true;
        }

        WrongKind(element, what, path, errors);
        return false;
    }

    private static void WrongKind(JsonElement element, string what, string path, List<OcpiValidationError> errors)
    {
        var actual = element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };
        var name = Name(path);
        var subject = path.Length == 0 ? "the document" : name.Length == 0 ? $"item {path}" : $"'{name}'";
        errors.Add(new(path, $"{subject} must be {what}, but is {actual}"));
    }

    private static string Name(string path) => JsonPaths.Leaf(path);
}
