using StatusGrid.Server.Dashboard.Viewport;

namespace StatusGrid.Server.Tests.Dashboard;

public sealed class ViewportSubscriptionsTests
{
    [Fact]
    public void Panning_at_detail_zoom_leaves_the_tiles_out_of_view_and_joins_only_the_new_ones()
    {
        var subscriptions = new ViewportSubscriptions();
        subscriptions.Update("c1", ["d/10/1/1", "d/10/2/1"], perViewport: false);

        var (leave, join) = subscriptions.Update("c1", ["d/10/2/1", "d/10/3/1"], perViewport: false);

        Assert.Equal(["d/10/1/1"], leave);
        Assert.Equal(["d/10/3/1"], join);
        Assert.False(subscriptions.IsWatched("d/10/1/1"));
        Assert.True(subscriptions.IsWatched("d/10/3/1"));
        Assert.Equal(["c1"], subscriptions.DetailViewers("d/10/2/1"));
        Assert.Empty(subscriptions.Sets());
    }

    [Fact]
    public void Zoomed_out_clients_with_the_same_tiles_share_one_group_whatever_the_order_of_the_tiles()
    {
        var subscriptions = new ViewportSubscriptions();
        var (_, a) = subscriptions.Update("c1", ["a/6/33/21", "a/6/34/21"], perViewport: true);
        var (_, b) = subscriptions.Update("c2", ["a/6/34/21", "a/6/33/21"], perViewport: true);

        Assert.Equal(a, b);
        Assert.Equal([ViewSet.NameOf(["a/6/33/21", "a/6/34/21"])], a);
        var set = Assert.Single(subscriptions.Sets());
        Assert.Equal(["a/6/33/21", "a/6/34/21"], set.Groups.Order(StringComparer.Ordinal));
        Assert.Equal(2, set.Connections);
        Assert.Contains("a/6/33/21", subscriptions.WatchedGroups());
        var (leave, join) = subscriptions.Update("c1", ["a/6/33/21", "a/6/34/21"], perViewport: true); // the same view again
        Assert.Empty(leave);
        Assert.Empty(join);
        Assert.Equal(2, Assert.Single(subscriptions.Sets()).Connections);
    }

    [Fact]
    public void Zooming_in_leaves_the_viewport_group_for_the_detail_tiles()
    {
        var subscriptions = new ViewportSubscriptions();
        var (_, viewport) = subscriptions.Update("c1", ["a/6/33/21", "a/6/34/21"], perViewport: true);

        var (leave, join) = subscriptions.Update("c1", ["d/10/530/340"], perViewport: false);

        Assert.Equal(viewport, leave);
        Assert.Equal(["d/10/530/340"], join);
        Assert.Empty(subscriptions.Sets());
        Assert.False(subscriptions.IsWatched("a/6/33/21"));
    }

    [Fact]
    public void A_tile_stays_watched_until_its_last_client_leaves_it()
    {
        var subscriptions = new ViewportSubscriptions();
        subscriptions.Update("c1", ["a/6/33/21"], perViewport: true);
        subscriptions.Update("c2", ["a/6/33/21", "a/6/34/21"], perViewport: true);
        subscriptions.Update("c3", ["a/6/33/21", "a/6/34/21"], perViewport: true);

        subscriptions.Remove("c1");
        Assert.True(subscriptions.IsWatched("a/6/33/21"));
        subscriptions.Remove("c2");
        Assert.Equal(1, Assert.Single(subscriptions.Sets()).Connections);

        subscriptions.Update("c3", [], perViewport: true);
        Assert.False(subscriptions.IsWatched("a/6/33/21"));
        Assert.Empty(subscriptions.WatchedGroups());
        Assert.Empty(subscriptions.Sets());
        Assert.Equal(1, subscriptions.ConnectionCount);
    }

    [Fact]
    public void A_connected_client_counts_before_it_watches_and_stops_counting_when_it_leaves()
    {
        var subscriptions = new ViewportSubscriptions();
        subscriptions.Connected("c1");
        subscriptions.Connected("c2");
        Assert.Equal(2, subscriptions.ConnectionCount);
        Assert.Equal(0, subscriptions.WatchingCount);

        subscriptions.Update("c1", ["d/10/1/1"], perViewport: false);
        subscriptions.Connected("c1"); // a repeated notice does not forget what it watches
        Assert.Equal(1, subscriptions.WatchingCount);
        Assert.True(subscriptions.IsWatched("d/10/1/1"));

        subscriptions.Remove("c1");
        subscriptions.Remove("c2");
        Assert.Equal(0, subscriptions.ConnectionCount);
        Assert.Empty(subscriptions.WatchedGroups());
    }

    [Fact]
    public void A_detail_tile_s_viewers_are_the_connections_showing_it_now()
    {
        var subscriptions = new ViewportSubscriptions();
        subscriptions.Connected("idle");
        subscriptions.Update("city", ["d/12/1/1", "d/12/2/1"], perViewport: false);
        subscriptions.Update("out", ["a/6/33/21"], perViewport: true);
        Assert.Equal(["city"], subscriptions.DetailViewers("d/12/1/1"));
        Assert.Empty(subscriptions.DetailViewers("a/6/33/21")); // zoomed out: aggregates only

        subscriptions.Update("city", ["d/12/2/1", "d/12/3/1"], perViewport: false);
        subscriptions.Update("out", ["d/12/3/1"], perViewport: false);
        Assert.Empty(subscriptions.DetailViewers("d/12/1/1"));
        Assert.Equal(["city", "out"], subscriptions.DetailViewers("d/12/3/1").Order(StringComparer.Ordinal));

        subscriptions.Update("city", ["a/6/33/21"], perViewport: true);
        subscriptions.Remove("out");
        Assert.Empty(subscriptions.DetailViewers("d/12/2/1"));
        Assert.Empty(subscriptions.DetailViewers("d/12/3/1"));
    }
}
