namespace StatusGrid.Server.Dashboard;

/// <summary>Bound from <c>StatusGrid:Dashboard</c>: the public map at <c>/</c> and its live feed.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "StatusGrid:Dashboard";

    /// <summary>Base map tiles, Leaflet URL template. Unreachable tiles leave a plain background; the map still works.</summary>
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// <summary>Attribution shown for <see cref="TileUrl"/> (HTML, as Leaflet expects it; set by the operator, not by users).</summary>
    public string TileAttribution { get; set; } =
        "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";

    /// <summary>
    /// When true the whole dashboard (snapshots, search, hub) needs a key: the admin key or <see cref="ViewerApiKey"/>.
    /// The static page itself stays public; it asks for the key.
    /// </summary>
    public bool RequireCredential { get; set; }

    /// <summary>A read-only key for the dashboard when <see cref="RequireCredential"/> is on, so viewers need not hold the admin key.</summary>
    public string? ViewerApiKey { get; set; }

    /// <summary>
    /// Zoom of the tiles a client at street/city zoom watches for individual EVSE changes (z12 ≈ 6–10 km wide). The finer,
    /// the less a map gets beyond its view: the load driver's city views (1280×800 at map zoom 12) receive the changes of
    /// 5.0 % of its estate with z12 tiles and of 11 % with z10, whose tiles are bigger than the view. A client's tiles
    /// cost one message a round however many they are; a view of more than <see cref="MaxTilesPerClient"/> of them gets
    /// aggregates instead.
    /// </summary>
    public int DetailTileZoom { get; set; } = 12;

    /// <summary>From this map zoom on, a client gets individual locations; below it, aggregates per coarse tile.</summary>
    public int DetailMinZoom { get; set; } = 12;

    /// <summary>Most tiles one client may watch at once; a larger viewport is refused (detail) or coarsened (aggregates).</summary>
    public int MaxTilesPerClient { get; set; } = 64;

    /// <summary>Shortest gap between two sends of individual changes: under load, changes of one EVSE coalesce meanwhile.</summary>
    public TimeSpan DetailInterval { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Socket writes per second the detail sends aim at (one per client with something in its detail tiles, each round): a
    /// round of many writes is followed by a wait as long as they take at this rate (see <see cref="DetailPacing"/>). It
    /// binds only with hundreds of viewers: 1,000 city clients then get about 5 messages a second each, with more items
    /// in each. At 20,000 (the earlier default) the full-size map (1,000 + 1,000 clients, 5,000 changes/s) spent
    /// the machine's CPU on small messages: client p99 7.3 s, and partners got 122,000 of 300,000 changes as PATCHes, 40 s
    /// late; at 5,000: client p99 0.9–1.9 s, and partners got 200,000–300,000 (load/RESULTS.md "Live map").
    /// </summary>
    public int MaxDetailWritesPerSecond { get; set; } = 5_000;

    /// <summary>
    /// Longest gap between two sends of individual changes: a round that took longer than <see cref="DetailInterval"/>
    /// is followed by a wait as long as itself, up to this (see <see cref="DetailPacing"/>).
    /// </summary>
    public TimeSpan MaxDetailInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often changed aggregates are sent to zoomed-out clients.</summary>
    public TimeSpan AggregateInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most results of one search.</summary>
    public int MaxSearchResults { get; set; } = 20;
}
