using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StatusGrid.Server.Ocpp;

/// <summary>A payload's first schema violation, as the CALLERROR it becomes.</summary>
public sealed record OcppViolation(OcppErrorKind Kind, string Message);

/// <summary>
/// The subset of JSON Schema the OCPP schemas of the actions we handle use (type, required, maxLength, enum, date-time,
/// additionalProperties, arrays with minItems), written as rules in code. Errors: a wrong JSON type → TypeConstraintViolation; a missing
/// required field → OccurrenceConstraintViolation; too long, not in the enum, or a property the schema does not
/// allow → PropertyConstraintViolation; a malformed date-time → FormationViolation.
/// </summary>
public abstract partial record OcppSchema
{
    public static OcppSchema Text(int maxLength) => new StringSchema(maxLength);

    /// <summary>
    /// A JSON Schema integer. Draft-06 on (2.0.1's schemas) counts any number with a zero fraction, 1.0 or 1e0 too;
    /// <paramref name="draft04"/> (1.6's OCA schemas) counts only one written without fraction or exponent.
    /// </summary>
    public static OcppSchema WholeNumber(bool draft04 = false) => new IntegerSchema(draft04);

    /// <summary>A value <see cref="WholeNumber"/> let through; GetInt32 throws on 1.0 or 1e0.</summary>
    public static int ReadWholeNumber(JsonElement value) => value.TryGetInt32(out var number) ? number : (int)value.GetDecimal();

    public static OcppSchema OneOf(params string[] values) => new EnumSchema(values);

    public static OcppSchema Timestamp() => new DateTimeSchema();

    public static OcppSchema Flag() => new BooleanSchema();

    /// <summary>An array of <paramref name="items"/>, at least <paramref name="minItems"/> long.</summary>
    public static OcppSchema List(OcppSchema items, int minItems = 0) => new ArraySchema(items, minItems);

    /// <summary>An object; <paramref name="open"/> allows properties not listed (2.0.1's CustomDataType).</summary>
    public static OcppSchema Shape(IReadOnlyList<OcppField> fields, bool open = false) => new ObjectSchema(fields, open);

    public OcppViolation? Validate(JsonElement value) => Check(value, "");

    internal abstract OcppViolation? Check(JsonElement value, string path);

    private static string At(string path) => path.Length == 0 ? "the payload" : path;

    private sealed record StringSchema(int MaxLength) : OcppSchema
    {
        internal override OcppViolation? Check(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                return new(OcppErrorKind.TypeConstraintViolation, $"{At(path)} must be a string.");
            }

            // JSON Schema counts characters (code points), not UTF-16 units.
            var length = value.GetString()!.EnumerateRunes().Count();
            return length > MaxLength
                ? new(OcppErrorKind.PropertyConstraintViolation, $"{At(path)} is longer than {MaxLength} characters.")
                : null;
        }
    }

    private sealed record IntegerSchema(bool Draft04) : OcppSchema
    {
        internal override OcppViolation? Check(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || number != decimal.Truncate(number))
            {
                return new(OcppErrorKind.TypeConstraintViolation, $"{At(path)} must be an integer.");
            }

            if (Draft04 && value.GetRawText().AsSpan().IndexOfAny(".eE") >= 0)
            {
                return new(OcppErrorKind.TypeConstraintViolation, $"{At(path)} must be an integer written without a fraction or exponent.");
            }

            return number is < int.MinValue or > int.MaxValue
                ? new(OcppErrorKind.PropertyConstraintViolation, $"{At(path)} is out of range.")
                : null;
        }
    }

    private sealed record EnumSchema(string[] Values) : OcppSchema
    {
        internal override OcppViolation? Check(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                return new(OcppErrorKind.TypeConstraintViolation, $"{At(path)} must be a string.");
            }

            return Array.IndexOf(Values, value.GetString()) < 0
                ? new(OcppErrorKind.PropertyConstraintViolation, $"{At(path)} must be one of {string.Join(", ", Values)}.")
                : null;
        }
    }

    private sealed record BooleanSchema : OcppSchema
    {
        internal override OcppViolation? Check(JsonElement value, string path) =>
            value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? null
                : new(OcppErrorKind.TypeConstraintViolation, $"{At(path)} must be true or false.");
    }

    private sealed record ArraySchema(OcppSchema Items, int MinItems) : OcppSchema
    {
        internal override OcppViolation? Check(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                return new(OcppErrorKind.TypeConstraintViolation, $"{At(path)} must be an array.");
            }

            if (value.GetArrayLength() < MinItems)
            {
                return new(OcppErrorKind.OccurrenceConstraintViolation, $"{At(path)} needs at least {MinItems} item(s).");
            }

            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (Items.Check(item, $"{path}[{index++}]") is { } violation)
                {
                    return violation;
                }
            }

            return null;
        }
    }

    private sealed partial record DateTimeSchema : OcppSchema
    {
        internal override OcppViolation? Check(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                return new(OcppErrorKind.TypeConstraintViolation, $"{At(path)} must be a string.");
            }

            return TryParse(value.GetString()!, out _)
                ? null
                : new(OcppErrorKind.FormationViolation, $"{At(path)} is not an RFC 3339 date-time.");
        }
    }

    private sealed record ObjectSchema(IReadOnlyList<OcppField> Fields, bool Open) : OcppSchema
    {
        internal override OcppViolation? Check(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                return new(OcppErrorKind.TypeConstraintViolation, $"{At(path)} must be an object.");
            }

            foreach (var field in Fields)
            {
                if (field.Required && !value.TryGetProperty(field.Name, out _))
                {
                    return new(OcppErrorKind.OccurrenceConstraintViolation, $"{Join(path, field.Name)} is required.");
                }
            }

            foreach (var property in value.EnumerateObject())
            {
                var field = Fields.FirstOrDefault(f => f.Name == property.Name);
                if (field is null)
                {
                    if (!Open)
                    {
                        return new(OcppErrorKind.PropertyConstraintViolation, $"{Join(path, property.Name)} is not a property of this message.");
                    }

                    continue;
                }

                if (field.Schema.Check(property.Value, Join(path, property.Name)) is { } violation)
                {
                    return violation;
                }
            }

            return null;
        }

        private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
    }

    /// <summary>RFC 3339 date-time (JSON Schema "date-time"): date, 'T', time, and a Z or numeric offset.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        return Rfc3339().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}

public sealed record OcppField(string Name, OcppSchema Schema, bool Required = false);
