namespace StatusGrid.Server.Dashboard.Viewport;

/// <summary>A web-mercator (slippy map) tile: the same numbering Leaflet and OpenStreetMap use.</summary>
public readonly record struct TileKey(int Z, int X, int Y)
{
    /// <summary>The tile of zoom <paramref name="z"/> that holds this point. Latitudes beyond mercator's ±85.05° clamp to the edge rows.</summary>
    public static TileKey Of(double latitude, double longitude, int z)
    {
        var n = 1 << z;
        var lat = Math.Clamp(latitude, -85.05112878, 85.05112878) * Math.PI / 180;
        var x = (int)Math.Floor((longitude + 180) / 360 * n);
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(lat) + 1 / Math.Cos(lat)) / Math.PI) / 2 * n);
        return new TileKey(z, Math.Clamp(x, 0, n - 1), Math.Clamp(y, 0, n - 1));
    }

    /// <summary>The tile's centre (latitude, longitude).</summary>
    public (double Latitude, double Longitude) Centre()
    {
        var n = (double)(1 << Z);
        var longitude = (X + 0.5) / n * 360 - 180;
        var latitude = Math.Atan(Math.Sinh(Math.PI * (1 - 2 * (Y + 0.5) / n))) * 180 / Math.PI;
        return (latitude, longitude);
    }

    /// <summary>The tile of a lower zoom that contains this one.</summary>
    public TileKey Parent(int z) => z >= Z ? this : new TileKey(z, X >> (Z - z), Y >> (Z - z));

    public override string ToString() => $"{Z}/{X}/{Y}";
}
