using System.Text.Json;

namespace StatusGrid.Server.Tests.Dashboard;

/// <summary>
/// The operations view's "map viewers": every connected map client counts, not only those that have told the server a
/// viewport (it counted only those, so a page still loading, or a client that never calls Watch, was invisible).
/// </summary>
public sealed class OpsOverviewTests
{
    [Fact]
    public async Task Every_connected_map_client_counts_as_a_viewer_and_those_with_a_viewport_as_watching()
    {
        await using var host = await StatusGridHost.StartAsync();
        using var admin = host.Client();
        await using var idle = await MapClient.ConnectAsync(host.BaseAddress);
        await using var watching = await MapClient.WatchAsync(host.BaseAddress, 5.0, 52.0, 5.25, 52.15, 13);

        var dashboard = await OverviewUntilAsync(admin, d => d.GetProperty("connections").GetInt32() == 2);
        Assert.Equal(2, dashboard.GetProperty("connections").GetInt32());
        Assert.Equal(1, dashboard.GetProperty("watching").GetInt32());

        await idle.DisposeAsync();
        dashboard = await OverviewUntilAsync(admin, d => d.GetProperty("connections").GetInt32() == 1);
        Assert.Equal(1, dashboard.GetProperty("connections").GetInt32());
        Assert.Equal(1, dashboard.GetProperty("watching").GetInt32());
    }

    /// <summary>The overview's "dashboard" part once <paramref name="done"/> holds (or the last one read, after 15 s).</summary>
    private static async Task<JsonElement> OverviewUntilAsync(HttpClient admin, Func<JsonElement, bool> done) =>
        DashboardOf(await DashboardHubTests.Until(admin, "/api/ops/overview", body => done(DashboardOf(body))));

    private static JsonElement DashboardOf(string overview)
    {
        using var document = JsonDocument.Parse(overview);
        return document.RootElement.GetProperty("dashboard").Clone();
    }
}
