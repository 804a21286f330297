namespace StatusGrid.Server.Dashboard.Viewport;

/// <summary>
/// Turns a viewport into the tiles a client watches. Street/city zoom: the detail tiles (a fixed zoom, so one change
/// goes to exactly one group). Zoomed out: coarse tiles of aggregates, one zoom finer than the map so each shows as a
/// bubble about a tile's width apart, made coarser until at most <see cref="DashboardOptions.MaxTilesPerClient"/>.
/// </summary>
public static class ViewportPlanner
{
    public static ViewportPlan Plan(Bbox bbox, int mapZoom, DashboardOptions options)
    {
        var max = Math.Max(1, options.MaxTilesPerClient);
        if (mapZoom >= options.DetailMinZoom && Count(bbox, options.DetailTileZoom) <= max)
        {
            return new ViewportPlan(ViewportPlan.Detail, options.DetailTileZoom, Cover(bbox, options.DetailTileZoom));
        }

        var level = Math.Clamp(mapZoom + 1, 0, options.DetailTileZoom);
        while (level > 0 && Count(bbox, level) > max)
        {
            level--;
        }

        return new ViewportPlan(ViewportPlan.Aggregate, level, Cover(bbox, level));
    }

    /// <summary>Every tile of zoom <paramref name="z"/> that the box touches, row by row (each side of the antimeridian in turn).</summary>
    public static IReadOnlyList<TileKey> Cover(Bbox bbox, int z)
    {
        var tiles = new List<TileKey>((int)Math.Min(Count(bbox, z), 4096));
        foreach (var part in bbox.Parts())
        {
            var (min, max) = Corners(part, z);
            for (var y = min.Y; y <= max.Y; y++)
            {
                for (var x = min.X; x <= max.X; x++)
                {
                    tiles.Add(new TileKey(z, x, y));
                }
            }
        }

        // At coarse zooms both sides of the antimeridian can fall in the same tiles (zoom 0 has one): once each.
        return bbox.CrossesAntimeridian ? tiles.Distinct().ToList() : tiles;
    }

    public static long Count(Bbox bbox, int z)
    {
        long count = 0;
        foreach (var part in bbox.Parts())
        {
            var (min, max) = Corners(part, z);
            count += (long)(max.X - min.X + 1) * (max.Y - min.Y + 1);
        }

        return count;
    }

    private static (TileKey Min, TileKey Max) Corners(Bbox bbox, int z) =>
        // Tile rows count down from the north.
        (TileKey.Of(bbox.North, bbox.West, z), TileKey.Of(bbox.South, bbox.East, z));
}
