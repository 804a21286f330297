using System.Text.Json;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Ocpi.Json;

/// <summary>Turns one JSON element into a validated model object: structure check, deserialize, validate.</summary>
internal static class ElementReader
{
    public static T? Read<T>(
        JsonElement element,
        string path,
        OcpiVersion version,
        Action<ValidationContext, string, T> validate,
        List<OcpiValidationError> errors)
        where T : class
    {
        var before = errors.Count;
        StructureChecker.Check(element, typeof(T), path, errors);
        if (errors.Count > before)
        {
            return null;
        }

        T? value;
        try
        {
            value = element.Deserialize<T>(OcpiJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException or OverflowException)
        {
            // The structure check should have caught this; keep the no-throw promise anyway.
            errors.Add(new OcpiValidationError(path, $"cannot read {typeof(T).Name}: {ex.Message}"));
            return null;
        }

        if (value is null)
        {
            errors.Add(new OcpiValidationError(path, $"expected {typeof(T).Name}, but is null"));
            return null;
        }

        var ctx = new ValidationContext(version);
        validate(ctx, path, value);
        if (ctx.Errors.Count > 0)
        {
            errors.AddRange(ctx.Errors);
            return null;
        }

        return value;
    }

    /// <summary>Reads a JSON array item by item; invalid items are skipped and reported under "[index]".</summary>
    public static IReadOnlyList<T>? ReadArray<T>(
        JsonElement element,
        OcpiVersion version,
        Action<ValidationContext, string, T> validate,
        List<OcpiValidationError> errors)
        where T : class
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new OcpiValidationError(string.Empty, $"expected a JSON array of {typeof(T).Name}, but the document is {Describe(element.ValueKind)}"));
            return null;
        }

        var items = new List<T>(element.GetArrayLength());
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var value = Read(item, JsonPaths.Item(string.Empty, index++), version, validate, errors);
            if (value is not null)
            {
                items.Add(value);
            }
        }

        return ValueList.From<T>(items);
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
