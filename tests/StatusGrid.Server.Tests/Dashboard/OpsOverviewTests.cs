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

        var dashboard = await UntilAsync(admin, d => d.GetProperty("connections").GetInt32() == 2);
        Assert.Equal(2, dashboard.GetProperty("connections").GetInt32());
        Assert.Equal(1, dashboard.GetProperty("watching").GetInt32());

        await idle.DisposeAsync();
        dashboard = await UntilAsync(admin, d => d.GetProperty("connections").GetInt32() == 1);
        Assert.Equal(1, dashboard.GetProperty("connections").GetInt32());
        Assert.Equal(1, dashboard.GetProperty("watching").GetInt32());
    }

    private static async Task<JsonElement> UntilAsync(HttpClient admin, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var dashboard = (await (await admin.GetAsync("/api/ops/overview")).JsonAsync()).GetProperty("dashboard");
            if (done(dashboard) || DateTime.UtcNow > deadline)
            {
                return dashboard;
            }

            await Task.Delay(50);
        }
    }
}
