using Microsoft.Extensions.DependencyInjection;
using StatusGrid.Grains.Dashboard;
using StatusGrid.Server.Dashboard;
using StatusGrid.Server.Dashboard.Estate;

namespace StatusGrid.Server.Tests.Dashboard;

/// <summary>
/// After a gap in this host's live feed (its observer was out of the registry), the map's estate is read again from
/// the store and every browser is told to re-read its viewport.
/// </summary>
public sealed class DashboardResyncTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    [Fact]
    public async Task A_resync_reads_the_estate_again_from_the_store_and_tells_every_browser()
    {
        using var admin = Host.Client();
        await DashboardHubTests.PutAsync(admin, "RS-U1", MapLocations.Json("RS-U1", MapLocations.Utrecht, "Utrecht"));
        const string Snapshot = "/api/dashboard/snapshot?bbox=5.0,52.0,5.25,52.15&zoom=13";
        await DashboardHubTests.Until(admin, Snapshot, s => s.Contains("RS-U1", StringComparison.Ordinal));
        await using var browser = await MapClient.WatchAsync(Host.BaseAddress, 5.0, 52.0, 5.25, 52.15, 13);

        // What a missed Location edit leaves behind: the estate in memory no longer matches the store.
        Host.Services.GetRequiredService<DashboardEstate>().Remove("RS-U1");
        Assert.DoesNotContain("RS-U1", await admin.GetStringAsync(Snapshot), StringComparison.Ordinal);

        await Host.Services.GetServices<IDashboardSink>().OfType<DashboardPump>().Single().ResyncAsync();

        await browser.WaitForAsync("resync", _ => true);
        Assert.Contains("RS-U1", await admin.GetStringAsync(Snapshot), StringComparison.Ordinal);
    }
}
