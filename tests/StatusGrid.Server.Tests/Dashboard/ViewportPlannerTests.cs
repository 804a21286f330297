using StatusGrid.Server.Dashboard;
using StatusGrid.Server.Dashboard.Viewport;

namespace StatusGrid.Server.Tests.Dashboard;

public sealed class ViewportPlannerTests
{
    private static readonly DashboardOptions Options = new();

    [Fact]
    public void A_point_falls_in_the_same_tile_as_the_slippy_map_numbering()
    {
        // Utrecht at z10, as any OpenStreetMap tile URL numbers it.
        Assert.Equal(new TileKey(10, 526, 337), TileKey.Of(52.0907, 5.1214, 10));
        Assert.Equal(new TileKey(0, 0, 0), TileKey.Of(89.9, 179.9, 0));
        Assert.Equal(new TileKey(7, 65, 42), new TileKey(10, 526, 337).Parent(7));
    }

    [Fact]
    public void A_city_viewport_at_street_zoom_watches_the_few_detail_tiles_it_covers()
    {
        var plan = ViewportPlanner.Plan(new Bbox(5.0, 52.0, 5.25, 52.15), 13, Options);

        Assert.Equal(ViewportPlan.Detail, plan.Mode);
        Assert.Equal(Options.DetailTileZoom, plan.TileZoom);
        Assert.InRange(plan.Tiles.Count, 9, 16); // 0.25° × 0.15°: 3–4 tiles of zoom 12 across, 3–4 down
        Assert.Contains(TileKey.Of(52.0907, 5.1214, Options.DetailTileZoom), plan.Tiles);
        Assert.All(plan.Groups, g => Assert.StartsWith($"d/{Options.DetailTileZoom}/", g, StringComparison.Ordinal));
    }

    [Fact]
    public void A_full_hd_screen_at_city_zoom_still_gets_individual_locations_and_one_zoom_out_gets_aggregates()
    {
        // 1920 × 1080 pixels at map zoom 12 around Utrecht: 7.5 × 4.2 tiles of 256 pixels.
        var view = new Bbox(4.80, 51.98, 5.46, 52.21);

        var plan = ViewportPlanner.Plan(view, 12, Options);
        var wider = ViewportPlanner.Plan(new Bbox(4.47, 51.86, 5.79, 52.33), 11, Options);

        Assert.Equal(ViewportPlan.Detail, plan.Mode);
        Assert.InRange(plan.Tiles.Count, 32, Options.MaxTilesPerClient);
        Assert.Equal(ViewportPlan.Aggregate, wider.Mode);
    }

    [Fact]
    public void Zoomed_out_a_viewport_gets_aggregates_of_at_most_the_tile_limit()
    {
        var plan = ViewportPlanner.Plan(new Bbox(-10, 35, 30, 60), 5, Options);

        Assert.Equal(ViewportPlan.Aggregate, plan.Mode);
        Assert.True(plan.TileZoom < Options.DetailTileZoom);
        Assert.InRange(plan.Tiles.Count, 1, Options.MaxTilesPerClient);
        Assert.All(plan.Groups, g => Assert.StartsWith("a/", g, StringComparison.Ordinal));
    }

    [Fact]
    public void The_whole_world_never_exceeds_the_tile_limit()
    {
        var plan = ViewportPlanner.Plan(new Bbox(-180, -85, 180, 85), 18, Options);

        Assert.Equal(ViewportPlan.Aggregate, plan.Mode);
        Assert.InRange(plan.Tiles.Count, 1, Options.MaxTilesPerClient);
    }

    [Fact]
    public void A_viewport_across_the_antimeridian_watches_the_tiles_on_both_sides_and_none_between()
    {
        // Fiji at street zoom with the view centred on 180°: Leaflet reports the east edge past 180 (180.05), and
        // GeoJSON writes such a box with west > east (-179.95). Both spellings mean the same 0.1° of ocean and islands.
        var leaflet = Bbox.TryParse("179.95,-16.9,180.05,-16.7", out var error);
        var geoJson = Bbox.TryParse("179.95,-16.9,-179.95,-16.7", out _);

        Assert.True(leaflet is not null, error);
        AssertBox(leaflet.Value, geoJson);
        var plan = ViewportPlanner.Plan(leaflet.Value, 14, Options);
        Assert.Equal(ViewportPlan.Detail, plan.Mode);
        Assert.Contains(TileKey.Of(-16.8, 179.97, Options.DetailTileZoom), plan.Tiles);
        Assert.Contains(TileKey.Of(-16.8, -179.97, Options.DetailTileZoom), plan.Tiles);
        Assert.DoesNotContain(TileKey.Of(-16.8, 0, Options.DetailTileZoom), plan.Tiles);
        Assert.InRange(plan.Tiles.Count, 2, 8);
        Assert.True(leaflet.Value.Contains(-16.8, -179.97));
        Assert.True(leaflet.Value.Contains(-16.8, 179.97));
        Assert.False(leaflet.Value.Contains(-16.8, 0));
    }

    [Fact]
    public void Zoomed_out_across_the_antimeridian_a_tile_both_sides_share_is_watched_once()
    {
        var tiles = ViewportPlanner.Cover(new Bbox(170, -20, -170, -10), 0);

        Assert.Equal([new TileKey(0, 0, 0)], tiles);
    }

    [Fact]
    public void A_viewport_wider_than_the_world_is_the_whole_world_and_one_past_a_world_copy_is_wrapped()
    {
        AssertBox(new Bbox(-180, -60, 180, 60), Bbox.Create(-400, -60, 300, 60, out _));
        AssertBox(new Bbox(4.8, 51.9, 5.4, 52.2), Bbox.Create(364.8, 51.9, 365.4, 52.2, out _));
        AssertBox(new Bbox(170, -20, -170, -10), Bbox.Create(-190, -20, -170, -10, out _));
    }

    private static void AssertBox(Bbox expected, Bbox? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.West, actual.Value.West, 9);
        Assert.Equal(expected.South, actual.Value.South, 9);
        Assert.Equal(expected.East, actual.Value.East, 9);
        Assert.Equal(expected.North, actual.Value.North, 9);
    }

    [Theory]
    [InlineData("1,2,3")]
    [InlineData("a,b,c,d")]
    [InlineData("5,52,10,50")]
    [InlineData("NaN,1,2,3")]
    [InlineData("")]
    public void A_bbox_that_is_not_west_south_east_north_is_refused_with_a_reason(string text)
    {
        Assert.Null(Bbox.TryParse(text, out var error));
        Assert.Contains("bbox", error, StringComparison.Ordinal);
    }
}
