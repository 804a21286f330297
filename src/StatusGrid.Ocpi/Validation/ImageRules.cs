using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Ocpi.Validation;

/// <summary>Image and BusinessDetails checks.</summary>
internal static class ImageRules
{
    private const int MaxDimension = 99999;

    public static void Validate(ValidationContext ctx, string path, Image image)
    {
        FieldRules.RequiredUrl(ctx, JsonPaths.Field(path, "url"), image.Url);
        FieldRules.OptionalUrl(ctx, JsonPaths.Field(path, "thumbnail"), image.Thumbnail);
        FieldRules.Enum(ctx, JsonPaths.Field(path, "category"), image.Category, ImageCategories.Known(ctx.Version), ImageCategories.IsOpenIn230);
        FieldRules.RequiredCiString(ctx, JsonPaths.Field(path, "type"), image.Type, 4);
        Dimension(ctx, JsonPaths.Field(path, "width"), image.Width);
        Dimension(ctx, JsonPaths.Field(path, "height"), image.Height);
    }

    public static void ValidateList(ValidationContext ctx, string path, IReadOnlyList<Image>? images) =>
        ListRules.Each(ctx, path, images, Validate);

    public static void BusinessDetails(ValidationContext ctx, string path, BusinessDetails details)
    {
        FieldRules.RequiredString(ctx, JsonPaths.Field(path, "name"), details.Name, 100);
        FieldRules.OptionalUrl(ctx, JsonPaths.Field(path, "website"), details.Website);
        if (details.Logo is not null)
        {
            Validate(ctx, JsonPaths.Field(path, "logo"), details.Logo);
        }
    }

    private static void Dimension(ValidationContext ctx, string path, int? value)
    {
        if (value is < 0 or > MaxDimension)
        {
            ctx.Add(path, $"'{JsonPaths.Leaf(path)}' must be between 0 and {MaxDimension} (int(5)), but is {value}");
        }
    }
}
