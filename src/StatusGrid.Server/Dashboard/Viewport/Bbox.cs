using System.Globalization;

namespace StatusGrid.Server.Dashboard.Viewport;

/// <summary>
/// A viewport in degrees. West exceeds east when it crosses the antimeridian (GeoJSON's convention, RFC 7946 §5.2):
/// Fiji, Chukotka and the Aleutians have chargers on both sides of 180°.
/// </summary>
public readonly record struct Bbox(double West, double South, double East, double North)
{
    /// <summary>Parses <c>west,south,east,north</c> (the GeoJSON/OGC order); null with a reason when it is not one.</summary>
    public static Bbox? TryParse(string? text, out string? error)
    {
        error = null;
        var parts = (text ?? "").Split(',');
        if (parts.Length != 4)
        {
            error = "bbox must be west,south,east,north in degrees.";
            return null;
        }

        var values = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                error = "bbox must be four numbers: west,south,east,north.";
                return null;
            }
        }

        return Create(values[0], values[1], values[2], values[3], out error);
    }

    public static Bbox? Create(double west, double south, double east, double north, out string? error)
    {
        error = null;
        if (!double.IsFinite(west) || !double.IsFinite(south) || !double.IsFinite(east) || !double.IsFinite(north))
        {
            error = "bbox values must be numbers.";
            return null;
        }

        south = Math.Clamp(south, -90, 90);
        north = Math.Clamp(north, -90, 90);
        if (south > north)
        {
            error = "bbox must have south <= north (west > east means across the antimeridian).";
            return null;
        }

        // Leaflet reports longitudes past ±180 when the world repeats (a view centred on 180° ends at 180.05): wrapped
        // into one world, such a view has west > east. Clamping them instead dropped everything past 180°.
        if (west <= east && east - west >= 360)
        {
            return new Bbox(-180, south, 180, north);
        }

        return new Bbox(Wrap(west), south, Wrap(east), north);
    }

    /// <summary>Whether the box crosses the antimeridian: its longitudes are West..180 and -180..East.</summary>
    public bool CrossesAntimeridian => West > East;

    public bool Contains(double latitude, double longitude) =>
        latitude >= South && latitude <= North
        && (CrossesAntimeridian ? longitude >= West || longitude <= East : longitude >= West && longitude <= East);

    /// <summary>The box as one or two boxes that do not cross the antimeridian.</summary>
    public IEnumerable<Bbox> Parts() => CrossesAntimeridian
        ? [this with { East = 180 }, this with { West = -180 }]
        : [this];

    private static double Wrap(double longitude) =>
        longitude is >= -180 and <= 180 ? longitude : ((longitude + 180) % 360 + 360) % 360 - 180;
}
