using System.Globalization;

namespace StatusGrid.Server.Dashboard.Viewport;

/// <summary>A viewport in degrees. West may exceed east only across the antimeridian, which the map never asks for; it is refused.</summary>
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

        // Leaflet reports longitudes past ±180 when the world repeats; clamping keeps the tile range finite.
        west = Math.Clamp(west, -180, 180);
        east = Math.Clamp(east, -180, 180);
        south = Math.Clamp(south, -90, 90);
        north = Math.Clamp(north, -90, 90);
        if (west > east || south > north)
        {
            error = "bbox must have west <= east and south <= north.";
            return null;
        }

        return new Bbox(west, south, east, north);
    }

    public bool Contains(double latitude, double longitude) =>
        latitude >= South && latitude <= North && longitude >= West && longitude <= East;
}
