using StatusGrid.Server.Dashboard.Viewport;

namespace StatusGrid.Server.Tests.Dashboard;

public sealed class ViewportSubscriptionsTests
{
    [Fact]
    public void Panning_moves_the_client_to_its_new_viewport_and_unwatches_the_tiles_out_of_view()
    {
        var subscriptions = new ViewportSubscriptions();
        var (_, first) = subscriptions.Update("c1", ["d/10/1/1", "d/10/2/1"]);

        var (leave, next) = subscriptions.Update("c1", ["d/10/2/1", "d/10/3/1"]);

        Assert.Equal(first, leave);
        Assert.Equal(ViewSet.NameOf(["d/10/3/1", "d/10/2/1"]), next);
        Assert.False(subscriptions.IsWatched("d/10/1/1"));
        Assert.True(subscriptions.IsWatched("d/10/2/1"));
        Assert.True(subscriptions.IsWatched("d/10/3/1"));
        var set = Assert.Single(subscriptions.Sets());
        Assert.Equal(next, set.Name);
        Assert.Equal(1, set.Connections);
    }

    [Fact]
    public void Clients_with_the_same_tiles_share_one_viewport_whatever_the_order_of_the_tiles()
    {
        var subscriptions = new ViewportSubscriptions();
        var (_, a) = subscriptions.Update("c1", ["a/6/33/21", "a/6/34/21"]);
        var (_, b) = subscriptions.Update("c2", ["a/6/34/21", "a/6/33/21"]);

        Assert.Equal(a, b);
        Assert.Equal((null, null), subscriptions.Update("c1", ["a/6/33/21", "a/6/34/21"])); // the same view again: no change
        var set = Assert.Single(subscriptions.Sets());
        Assert.Equal(["a/6/33/21", "a/6/34/21"], set.Groups.Order(StringComparer.Ordinal));
        Assert.Equal(2, set.Connections);
    }

    [Fact]
    public void A_tile_stays_watched_until_its_last_client_leaves_it()
    {
        var subscriptions = new ViewportSubscriptions();
        subscriptions.Update("c1", ["a/6/33/21"]);
        subscriptions.Update("c2", ["a/6/33/21", "a/6/34/21"]);
        subscriptions.Update("c3", ["a/6/33/21", "a/6/34/21"]);

        subscriptions.Remove("c1");
        Assert.True(subscriptions.IsWatched("a/6/33/21"));
        subscriptions.Remove("c2");
        Assert.True(subscriptions.IsWatched("a/6/34/21"));

        Assert.Equal((ViewSet.NameOf(["a/6/33/21", "a/6/34/21"]), null), subscriptions.Update("c3", []));
        Assert.False(subscriptions.IsWatched("a/6/33/21"));
        Assert.Empty(subscriptions.WatchedGroups());
        Assert.Empty(subscriptions.Sets());
        Assert.Equal(0, subscriptions.ConnectionCount);
    }
}
