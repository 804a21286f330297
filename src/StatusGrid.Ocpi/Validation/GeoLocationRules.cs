using System.Globalization;
using System.Text.RegularExpressions;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Ocpi.Validation;

/// <summary>WGS84 coordinates as OCPI strings: 5 to 7 decimals since 2.2, exactly 6 in 2.1.1.</summary>
internal static partial class GeoLocationRules
{
    public static void Validate(ValidationContext ctx, string path, GeoLocation? geo, bool required)
    {
        if (geo is null)
        {
            if (required)
            {
                ctx.Add(path, $"'{JsonPaths.Leaf(path)}' is required");
            }

            return;
        }

        Coordinates(ctx, path, geo.Latitude, geo.Longitude);
    }

    public static void Coordinates(ValidationContext ctx, string path, string? latitude, string? longitude)
    {
        var v211 = ctx.Version == OcpiVersion.V211;
        Coordinate(ctx, JsonPaths.Field(path, "latitude"), latitude, v211 ? Latitude211() : Latitude(), 90m, v211);
        Coordinate(ctx, JsonPaths.Field(path, "longitude"), longitude, v211 ? Longitude211() : Longitude(), 180m, v211);
    }

    private static void Coordinate(ValidationContext ctx, string path, string? value, Regex pattern, decimal limit, bool v211)
    {
        if (!FieldRules.Present(ctx, path, value))
        {
            return;
        }

        if (!pattern.IsMatch(value!))
        {
            var decimals = v211 ? "exactly 6 decimals" : "5 to 7 decimals";
            ctx.Add(path, $"'{JsonPaths.Leaf(path)}' must match {pattern} ({decimals}), but is '{value}'");
            return;
        }

        if (Math.Abs(decimal.Parse(value!, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)) > limit)
        {
            ctx.Add(path, $"'{JsonPaths.Leaf(path)}' must be between -{limit} and {limit}, but is '{value}'");
        }
    }

    [GeneratedRegex(@"^-?[0-9]{1,2}\.[0-9]{5,7}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Latitude();

    [GeneratedRegex(@"^-?[0-9]{1,3}\.[0-9]{5,7}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Longitude();

    [GeneratedRegex(@"^-?[0-9]{1,2}\.[0-9]{6}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Latitude211();

    [GeneratedRegex(@"^-?[0-9]{1,3}\.[0-9]{6}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Longitude211();
}
