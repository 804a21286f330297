using StatusGrid.LoadDriver.Workload;

namespace StatusGrid.LoadDriver.Dashboards;

/// <summary>
/// Viewports for the dashboard scenario: city-sized ones around a random location of the estate (a 1280×800 screen at
/// zoom 12, about 0.4° × 0.25°), and zoomed-out ones over the whole estate (aggregates). Also how much of the estate a
/// viewport's detail tiles hold, so the run can say how many items its clients should have received.
/// </summary>
internal static class ViewportMix
{
    public static HubViewport City(EvseCatalog catalog, Random random)
    {
        var location = random.Next(catalog.Locations);
        var (lat, lon) = (LocationJson.Latitude(location), LocationJson.Longitude(location));
        return new HubViewport(lon - 0.2, lat - 0.12, lon + 0.2, lat + 0.12, 12);
    }

    /// <summary>The whole estate (LocationJson spreads it over 2° × 2° from 51°N 4°E) at zoom 7: aggregates only.</summary>
    public static HubViewport ZoomedOut => new(3.5, 50.5, 6.5, 53.5, 7);

    /// <summary>The share of the estate's locations that lie in the detail tiles (of zoom <paramref name="tileZoom"/>, the
    /// server's <c>detail_tile_zoom</c>) this viewport watches.</summary>
    public static double Coverage(HubViewport viewport, EvseCatalog catalog, int tileZoom)
    {
        var (minX, minY) = Tile(viewport.North, viewport.West, tileZoom);
        var (maxX, maxY) = Tile(viewport.South, viewport.East, tileZoom);
        var inside = 0;
        for (var location = 0; location < catalog.Locations; location++)
        {
            var (x, y) = Tile(LocationJson.Latitude(location), LocationJson.Longitude(location), tileZoom);
            if (x >= minX && x <= maxX && y >= minY && y <= maxY)
            {
                inside++;
            }
        }

        return catalog.Locations == 0 ? 0 : (double)inside / catalog.Locations;
    }

    /// <summary>
    /// For each location of the estate, how many of <paramref name="viewports"/> watch the detail tile it lies in: the
    /// number of map items one change of one of its EVSEs owes (the server sends per detail tile).
    /// </summary>
    public static int[] WatchersPerLocation(IReadOnlyList<HubViewport> viewports, EvseCatalog catalog, int tileZoom)
    {
        var tiles = Enumerable.Range(0, catalog.Locations).Select(l => Tile(LocationJson.Latitude(l), LocationJson.Longitude(l), tileZoom)).ToArray();
        var watchers = new int[catalog.Locations];
        foreach (var viewport in viewports)
        {
            var (minX, minY) = Tile(viewport.North, viewport.West, tileZoom);
            var (maxX, maxY) = Tile(viewport.South, viewport.East, tileZoom);
            for (var location = 0; location < tiles.Length; location++)
            {
                var (x, y) = tiles[location];
                if (x >= minX && x <= maxX && y >= minY && y <= maxY)
                {
                    watchers[location]++;
                }
            }
        }

        return watchers;
    }

    /// <summary>Slippy-map tile numbers at zoom <paramref name="z"/> (the same formula the server and Leaflet use).</summary>
    public static (int X, int Y) Tile(double latitude, double longitude, int z)
    {
        var n = 1 << z;
        var lat = latitude * Math.PI / 180;
        return ((int)Math.Floor((longitude + 180) / 360 * n), (int)Math.Floor((1 - Math.Log(Math.Tan(lat) + 1 / Math.Cos(lat)) / Math.PI) / 2 * n));
    }
}
