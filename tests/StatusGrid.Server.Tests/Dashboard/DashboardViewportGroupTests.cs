using System.Text.Json;
using static StatusGrid.Server.Tests.Dashboard.DashboardHubTests;

namespace StatusGrid.Server.Tests.Dashboard;

/// <summary>
/// One message per client, however many tiles its viewport spans: zoomed out, per aggregate interval; at detail zoom,
/// per round of the pump. A socket write per tile per client made a thousand zoomed-out maps cost up to 64,000 writes a
/// second and delayed partner pushes, and a city map of zoom-12 tiles shows about 30 (load/RESULTS.md "Live map").
/// </summary>
public sealed class DashboardViewportGroupTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] Statuses = ["CHARGING", "BLOCKED", "OUTOFORDER", "RESERVED", "CHARGING"];

    private StatusGridHost Host => fixture.Host;

    [Fact]
    public async Task A_zoomed_out_client_gets_the_changed_coarse_tiles_of_one_interval_in_one_message()
    {
        using var admin = Host.Client();
        await PutAsync(admin, "VG-U2", MapLocations.Json("VG-U2", MapLocations.Utrecht, "Utrecht"));
        await PutAsync(admin, "VG-M2", MapLocations.Json("VG-M2", MapLocations.Munich, "München"));
        await Until(admin, "/api/dashboard/snapshot?bbox=11.45,48.08,11.70,48.20&zoom=13", body => body.Contains("VG-M2", StringComparison.Ordinal));
        await using var europe = await MapClient.WatchAsync(Host.BaseAddress, -10, 40, 25, 60, 5);
        using var ingest = Host.Client(StatusGridHost.IngestKey);

        var together = false;
        for (var attempt = 0; attempt < Statuses.Length && !together; attempt++)
        {
            var status = Statuses[attempt];
            var at = $"2026-03-01T11:00:0{attempt}Z";
            await PostAsync(ingest, $$"""
                {"changes":[{"location_id":"VG-U2","evse_uid":"VG-U2-E1","status":"{{status}}","observed_at":"{{at}}"},
                            {"location_id":"VG-M2","evse_uid":"VG-M2-E1","status":"{{status}}","observed_at":"{{at}}"}]}
                """);
            // Utrecht and Munich are different z6 tiles: two features, in one message or (before) in two.
            var tiles = new HashSet<string>(StringComparer.Ordinal);
            while (tiles.Count < 2 && !together)
            {
                var features = await europe.WaitForAsync("aggregates", _ => true);
                together = features.GetArrayLength() >= 2;
                foreach (var feature in features.EnumerateArray())
                {
                    tiles.Add(feature.GetProperty("id").GetString()!);
                }
            }
        }

        Assert.True(together, "each coarse tile's counts came in a message of their own");
    }

    [Fact]
    public async Task A_client_at_detail_zoom_gets_the_changes_of_a_round_in_all_its_tiles_in_one_message()
    {
        using var admin = Host.Client();
        await PutAsync(admin, "DR-U3", MapLocations.Json("DR-U3", MapLocations.Utrecht, "Utrecht"));
        await PutAsync(admin, "DR-E3", MapLocations.Json("DR-E3", (52.0907, 5.55), "Veenendaal"));
        await Until(admin, "/api/dashboard/snapshot?bbox=5.0,52.0,5.7,52.15&zoom=13", body => body.Contains("DR-E3", StringComparison.Ordinal));
        // Both towns in view at street zoom: two detail tiles (they are 0.43° apart, wider than a tile of zoom 10 or 12).
        await using var map = await MapClient.WatchAsync(Host.BaseAddress, 5.0, 52.0, 5.7, 52.15, 13);
        using var ingest = Host.Client(StatusGridHost.IngestKey);

        var together = false;
        for (var attempt = 0; attempt < Statuses.Length && !together; attempt++)
        {
            var status = Statuses[attempt];
            var at = $"2026-03-01T12:00:0{attempt}Z";
            await PostAsync(ingest, $$"""
                {"changes":[{"location_id":"DR-U3","evse_uid":"DR-U3-E1","status":"{{status}}","observed_at":"{{at}}"},
                            {"location_id":"DR-E3","evse_uid":"DR-E3-E1","status":"{{status}}","observed_at":"{{at}}"}]}
                """);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (seen.Count < 2 && !together)
            {
                var items = await map.WaitForAsync("statusChanged", _ => true);
                var ofThisAttempt = items.EnumerateArray()
                    .Where(i => i.GetProperty("last_updated").GetString() == at)
                    .Select(i => i.GetProperty("location_id").GetString()!)
                    .ToHashSet(StringComparer.Ordinal);
                together = ofThisAttempt.Count == 2;
                seen.UnionWith(ofThisAttempt);
            }
        }

        Assert.True(together, "each detail tile's items came in a message of their own");
    }

    private static async Task PostAsync(HttpClient ingest, string json)
    {
        var response = await ingest.SendJsonAsync(HttpMethod.Post, "/api/status", json);
        var body = await response.JsonAsync();
        Assert.Equal(2, body.GetProperty("applied").GetInt32());
    }
}
