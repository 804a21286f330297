using StatusGrid.Ocpi.Locations;
using StatusGrid.Server.Dashboard.Estate;
using StatusGrid.Server.Dashboard.Viewport;

namespace StatusGrid.Server.Tests.Dashboard;

public sealed class DashboardEstateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private static MapLocation At(string id, (double Lat, double Lon) at, string city = "Utrecht", params EvseStatus[] statuses) => new(
        id, "Charge " + id, "Stationsplein 1", city, "3511", "NLD", "StatusGrid Charging", at.Lat, at.Lon,
        [.. statuses.Select((s, i) => new MapEvse($"{id}-E{i + 1}", $"NL*SGR*E{id}{i + 1}", [new MapConnector("IEC_62196_T2", PowerType.Ac3Phase, 22)])
        {
            Status = s,
            LastUpdated = T0,
            Version = 1,
        })]);

    [Fact]
    public void A_change_is_routed_to_the_detail_tile_of_its_location()
    {
        var estate = new DashboardEstate(10);
        estate.Upsert(At("U1", MapLocations.Utrecht, "Utrecht", EvseStatus.Available));
        estate.Upsert(At("M1", MapLocations.Munich, "München", EvseStatus.Available));

        var tile = estate.Apply("u1", "U1-E1", EvseStatus.Charging, T0.AddMinutes(1), 2, out var unknown);

        Assert.False(unknown);
        Assert.Equal(TileKey.Of(MapLocations.Utrecht.Lat, MapLocations.Utrecht.Lon, 10), tile);
        Assert.NotEqual(TileKey.Of(MapLocations.Munich.Lat, MapLocations.Munich.Lon, 10), tile);
    }

    [Fact]
    public void An_older_change_never_overwrites_a_newer_one()
    {
        var estate = new DashboardEstate(10);
        estate.Upsert(At("U1", MapLocations.Utrecht, "Utrecht", EvseStatus.Available));
        estate.Apply("U1", "U1-E1", EvseStatus.Charging, T0.AddMinutes(2), 3, out _);

        Assert.Null(estate.Apply("U1", "U1-E1", EvseStatus.OutOfOrder, T0.AddMinutes(1), 2, out _));
        Assert.Equal(EvseStatus.Charging, estate.Feature("U1")!.Properties.Evses[0].Status);
    }

    [Fact]
    public void A_change_of_an_unknown_location_asks_for_a_re_read()
    {
        var estate = new DashboardEstate(10);

        Assert.Null(estate.Apply("NEW", "NEW-E1", EvseStatus.Charging, T0, 1, out var unknown));
        Assert.True(unknown);
    }

    [Fact]
    public void Aggregates_count_statuses_per_coarse_tile_and_follow_changes()
    {
        var estate = new DashboardEstate(10);
        estate.Upsert(At("U1", MapLocations.Utrecht, "Utrecht", EvseStatus.Available, EvseStatus.Available));
        estate.Upsert(At("U2", (52.10, 5.13), "Utrecht", EvseStatus.Charging));
        estate.Upsert(At("M1", MapLocations.Munich, "München", EvseStatus.OutOfOrder));
        var utrecht = TileKey.Of(MapLocations.Utrecht.Lat, MapLocations.Utrecht.Lon, 6);

        estate.Apply("U1", "U1-E1", EvseStatus.Charging, T0.AddMinutes(1), 2, out _);
        var aggregate = Assert.Single(estate.Aggregates([utrecht]));

        Assert.Equal(2, aggregate.Properties.Locations);
        Assert.Equal(3, aggregate.Properties.Evses);
        Assert.Equal(1, aggregate.Properties.Counts["AVAILABLE"]);
        Assert.Equal(2, aggregate.Properties.Counts["CHARGING"]);
        Assert.False(aggregate.Properties.Counts.ContainsKey("OUTOFORDER"));
        Assert.Contains(TileKey.Of(MapLocations.Utrecht.Lat, MapLocations.Utrecht.Lon, 10), estate.TakeDirtyTiles());
        Assert.Empty(estate.TakeDirtyTiles());
    }

    [Fact]
    public void A_live_update_reports_a_coarse_tile_whose_last_location_left_at_zero_inside_that_tile()
    {
        var estate = new DashboardEstate(10);
        estate.Upsert(At("X", MapLocations.Utrecht, "Utrecht", EvseStatus.Available));
        var utrecht = TileKey.Of(MapLocations.Utrecht.Lat, MapLocations.Utrecht.Lon, 6);
        estate.Upsert(At("X", MapLocations.Munich, "München", EvseStatus.Available));

        Assert.Empty(estate.Aggregates([utrecht]));
        var emptied = Assert.Single(estate.Aggregates([utrecht], emptyToo: true));

        Assert.Equal(0, emptied.Properties.Locations);
        Assert.Equal(0, emptied.Properties.Evses);
        var (longitude, latitude) = (emptied.Geometry.Coordinates[0], emptied.Geometry.Coordinates[1]);
        Assert.Equal(utrecht, TileKey.Of(latitude, longitude, 6));
    }

    [Fact]
    public void A_moved_location_leaves_its_old_tile()
    {
        var estate = new DashboardEstate(10);
        estate.Upsert(At("X", MapLocations.Utrecht, "Utrecht", EvseStatus.Available));

        var (previous, current) = estate.Upsert(At("X", MapLocations.Munich, "München", EvseStatus.Available));

        Assert.Equal(TileKey.Of(MapLocations.Utrecht.Lat, MapLocations.Utrecht.Lon, 10), previous);
        Assert.Empty(estate.Features([previous!.Value]));
        Assert.Single(estate.Features([current]));
        Assert.Equal(1, estate.Summary().Locations);
    }

    [Fact]
    public void Re_reading_a_location_keeps_a_newer_live_status_than_the_read_one()
    {
        var estate = new DashboardEstate(10);
        estate.Upsert(At("U1", MapLocations.Utrecht, "Utrecht", EvseStatus.Available));
        estate.Apply("U1", "U1-E1", EvseStatus.Charging, T0.AddMinutes(5), 7, out _);

        estate.Upsert(At("U1", MapLocations.Utrecht, "Utrecht", EvseStatus.Available));

        Assert.Equal(EvseStatus.Charging, estate.Feature("U1")!.Properties.Evses[0].Status);
        Assert.Equal(1, estate.Summary().Counts["CHARGING"]);
    }

    [Theory]
    [InlineData("NL*SGR*EU11", "U1")]
    [InlineData("nlsgreu11", "U1")]
    [InlineData("münchen", "M1")]
    [InlineData("Stationsplein", "U1")]
    public void Search_finds_by_evse_id_city_or_address(string query, string expected)
    {
        var estate = new DashboardEstate(10);
        estate.Upsert(At("U1", MapLocations.Utrecht, "Utrecht", EvseStatus.Available));
        estate.Upsert(At("M1", MapLocations.Munich, "München", EvseStatus.Available) with { Address = "Marienplatz 1" });

        Assert.Equal(expected, estate.Search(query, 10)[0].Id);
    }
    [Fact]
    public void The_summary_frames_an_estate_across_the_antimeridian_with_the_narrow_box_that_crosses_it()
    {
        // Fiji: Taveuni just west of 180°, Qamea just east of it. The min/max box would be the whole world.
        var estate = new DashboardEstate(10);
        estate.Upsert(At("FW", (-16.8, 179.97), "Taveuni", EvseStatus.Available));
        estate.Upsert(At("FE", (-16.7, -179.9), "Qamea", EvseStatus.Available));

        Assert.Equal([179.97, -16.8, -179.9, -16.7], estate.Summary().Bbox!);
    }

    [Fact]
    public void The_summary_frames_an_estate_off_the_antimeridian_with_its_plain_box()
    {
        var estate = new DashboardEstate(10);
        estate.Upsert(At("U1", MapLocations.Utrecht, "Utrecht", EvseStatus.Available));
        estate.Upsert(At("M1", MapLocations.Munich, "München", EvseStatus.Available));
        estate.Upsert(At("A1", (21.3, -157.8), "Honolulu", EvseStatus.Available));

        // Honolulu to Munich eastwards spans 169°; the box across the antimeridian would span 197°.
        Assert.Equal([-157.8, 21.3, MapLocations.Munich.Lon, MapLocations.Utrecht.Lat], estate.Summary().Bbox!);
    }
}
