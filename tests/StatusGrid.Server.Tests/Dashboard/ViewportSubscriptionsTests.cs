using StatusGrid.Server.Dashboard.Viewport;

namespace StatusGrid.Server.Tests.Dashboard;

public sealed class ViewportSubscriptionsTests
{
    [Fact]
    public void Panning_leaves_the_tiles_out_of_view_and_joins_only_the_new_ones()
    {
        var subscriptions = new ViewportSubscriptions();
        subscriptions.Update("c1", ["d/10/1/1", "d/10/2/1"]);

        var (leave, join) = subscriptions.Update("c1", ["d/10/2/1", "d/10/3/1"]);

        Assert.Equal(["d/10/1/1"], leave);
        Assert.Equal(["d/10/3/1"], join);
        Assert.False(subscriptions.IsWatched("d/10/1/1"));
        Assert.True(subscriptions.IsWatched("d/10/3/1"));
    }

    [Fact]
    public void A_tile_stays_watched_until_its_last_client_leaves_it()
    {
        var subscriptions = new ViewportSubscriptions();
        subscriptions.Update("c1", ["a/6/33/21"]);
        subscriptions.Update("c2", ["a/6/33/21", "a/6/34/21"]);

        subscriptions.Remove("c1");
        Assert.True(subscriptions.IsWatched("a/6/33/21"));

        subscriptions.Update("c2", []);
        Assert.False(subscriptions.IsWatched("a/6/33/21"));
        Assert.Empty(subscriptions.WatchedGroups());
        Assert.Equal(1, subscriptions.ConnectionCount);
    }
}
