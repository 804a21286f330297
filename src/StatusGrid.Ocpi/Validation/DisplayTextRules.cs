using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Ocpi.Validation;

/// <summary>DisplayText: ISO 639-1 language code and plain text of at most 512 characters.</summary>
internal static class DisplayTextRules
{
    public static void Validate(ValidationContext ctx, string path, DisplayText text)
    {
        var languagePath = JsonPaths.Field(path, "language");
        if (FieldRules.RequiredString(ctx, languagePath, text.Language, 2)
            && (text.Language.Length != 2 || !char.IsAsciiLetter(text.Language[0]) || !char.IsAsciiLetter(text.Language[1])))
        {
            ctx.Add(languagePath, $"'language' must be a two-letter ISO 639-1 code, but is '{text.Language}'");
        }

        FieldRules.RequiredString(ctx, JsonPaths.Field(path, "text"), text.Text, 512);
    }

    public static void ValidateList(ValidationContext ctx, string path, IReadOnlyList<DisplayText>? texts)
    {
        ListRules.Each(ctx, path, texts, Validate);
    }
}
