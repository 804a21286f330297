namespace StatusGrid.Ocpi.Validation;

/// <summary>Country and party identifiers (ISO 3166-1 codes and the 3-character OCPI party id).</summary>
internal static class PartyRules
{
    /// <summary>ISO 3166-1 alpha-2, CiString(2).</summary>
    public static void CountryCode(ValidationContext ctx, string path, string? value) =>
        Exactly(ctx, path, value, 2, lettersOnly: true, "an ISO 3166-1 alpha-2 country code");

    /// <summary>ISO 3166-1 alpha-3, as Location.country uses.</summary>
    public static void Country(ValidationContext ctx, string path, string? value) =>
        Exactly(ctx, path, value, 3, lettersOnly: true, "an ISO 3166-1 alpha-3 country code");

    /// <summary>CiString(3) party id (ISO 15118 style: 3 letters or digits).</summary>
    public static void PartyId(ValidationContext ctx, string path, string? value) =>
        Exactly(ctx, path, value, 3, lettersOnly: false, "a 3-character party id");

    private static void Exactly(ValidationContext ctx, string path, string? value, int length, bool lettersOnly, string what)
    {
        if (!FieldRules.Present(ctx, path, value))
        {
            return;
        }

        if (value!.Length != length || !value.All(c => lettersOnly ? char.IsAsciiLetter(c) : char.IsAsciiLetterOrDigit(c)))
        {
            ctx.Add(path, $"'{JsonPaths.Leaf(path)}' must be {what}, but is '{value}'");
        }
    }
}
