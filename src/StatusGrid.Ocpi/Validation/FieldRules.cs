using System.Text;

namespace StatusGrid.Ocpi.Validation;

/// <summary>Checks for OCPI primitive types (CiString, string, URL, enums, DateTime, numbers).</summary>
internal static class FieldRules
{
    /// <summary>OCPI URL is string(255).</summary>
    public const int UrlMaxLength = 255;

    public static bool RequiredCiString(ValidationContext ctx, string path, string? value, int maxLength)
    {
        if (!Present(ctx, path, value))
        {
            return false;
        }

        return CiString(ctx, path, value!, maxLength);
    }

    public static bool OptionalCiString(ValidationContext ctx, string path, string? value, int maxLength) =>
        value is null || CiString(ctx, path, value, maxLength);

    public static bool RequiredString(ValidationContext ctx, string path, string? value, int maxLength)
    {
        if (!Present(ctx, path, value))
        {
            return false;
        }

        return String(ctx, path, value!, maxLength);
    }

    public static bool OptionalString(ValidationContext ctx, string path, string? value, int maxLength) =>
        value is null || String(ctx, path, value, maxLength);

    public static void RequiredUrl(ValidationContext ctx, string path, string? value)
    {
        if (Present(ctx, path, value))
        {
            Url(ctx, path, value!);
        }
    }

    public static void OptionalUrl(ValidationContext ctx, string path, string? value)
    {
        if (value is not null)
        {
            Url(ctx, path, value);
        }
    }

    /// <summary>
    /// A value of an OCPI enum kept as a string. Values outside the version's list are errors, except for
    /// 2.3.0 OpenEnums, where any well-formed token (letters, digits, '_', '.') is allowed because receivers must
    /// tolerate values they do not know.
    /// </summary>
    public static void Enum(ValidationContext ctx, string path, string? value, IReadOnlySet<string> known, bool openIn230, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                ctx.Add(path, $"'{JsonPaths.Leaf(path)}' is required");
            }

            return;
        }

        if (known.Contains(value))
        {
            return;
        }

        if (openIn230 && ctx.Version == OcpiVersion.V230 && IsEnumToken(value))
        {
            return;
        }

        var name = JsonPaths.Leaf(path);
        ctx.Add(path, known.Count == 0
            ? $"'{name}' has value '{value}', but OCPI {ctx.Version.ToVersionString()} does not define this field"
            : $"'{name}' has value '{value}', which OCPI {ctx.Version.ToVersionString()} does not define");
    }

    public static void EnumList(ValidationContext ctx, string path, IReadOnlyList<string>? values, IReadOnlySet<string> known, bool openIn230)
    {
        if (values is null)
        {
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            Enum(ctx, JsonPaths.Item(path, i), values[i], known, openIn230);
        }
    }

    public static void Defined<TEnum>(ValidationContext ctx, string path, TEnum value)
        where TEnum : struct, Enum
    {
        if (!System.Enum.IsDefined(value))
        {
            ctx.Add(path, $"'{JsonPaths.Leaf(path)}' has undefined value {value}");
        }
    }

    /// <summary>A required DateTime: the default value means it was never set.</summary>
    public static void Timestamp(ValidationContext ctx, string path, DateTimeOffset value)
    {
        if (value == default)
        {
            ctx.Add(path, $"'{JsonPaths.Leaf(path)}' is required");
        }
    }

    public static void Positive(ValidationContext ctx, string path, int value)
    {
        if (value <= 0)
        {
            ctx.Add(path, $"'{JsonPaths.Leaf(path)}' must be greater than 0, but is {value}");
        }
    }

    public static void NotNegative(ValidationContext ctx, string path, decimal? value)
    {
        if (value < 0)
        {
            ctx.Add(path, $"'{JsonPaths.Leaf(path)}' must not be negative, but is {value}");
        }
    }

    public static bool Present(ValidationContext ctx, string path, string? value)
    {
        if (value is null)
        {
            ctx.Add(path, $"'{JsonPaths.Leaf(path)}' is required");
            return false;
        }

        if (value.Length == 0)
        {
            ctx.Add(path, $"'{JsonPaths.Leaf(path)}' must not be empty");
            return false;
        }

        return true;
    }

    /// <summary>Case-insensitive string: printable ASCII only (no CR, LF or TAB).</summary>
    private static bool CiString(ValidationContext ctx, string path, string value, int maxLength)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                ctx.Add(path, $"'{JsonPaths.Leaf(path)}' must contain printable ASCII only (CiString)");
                return false;
            }
        }

        return MaxLength(ctx, path, value.Length, maxLength);
    }

    /// <summary>
    /// Case-sensitive string: printable characters, length counted in Unicode characters. 2.1.1 asks for ASCII
    /// here, but partners accept UTF-8 in practice and real names (Malmö, Köln) need it, so it is not enforced.
    /// </summary>
    private static bool String(ValidationContext ctx, string path, string value, int maxLength)
    {
        var length = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                ctx.Add(path, $"'{JsonPaths.Leaf(path)}' must not contain control characters");
                return false;
            }

            length++;
        }

        return MaxLength(ctx, path, length, maxLength);
    }

    private static bool MaxLength(ValidationContext ctx, string path, int length, int maxLength)
    {
        if (length > maxLength)
        {
            ctx.Add(path, $"'{JsonPaths.Leaf(path)}' is {length} characters long; at most {maxLength} are allowed");
            return false;
        }

        return true;
    }

    private static void Url(ValidationContext ctx, string path, string value)
    {
        if (!MaxLength(ctx, path, value.Length, UrlMaxLength))
        {
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            ctx.Add(path, $"'{JsonPaths.Leaf(path)}' must be an absolute http(s) URL");
        }
    }

    private static bool IsEnumToken(string value)
    {
        if (value.Length is 0 or > 255)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
