using System.Text.Json;
using static StatusGrid.Server.Tests.Dashboard.DashboardHubTests;

namespace StatusGrid.Server.Tests.Dashboard;

/// <summary>
/// One message per viewport and round, however many tiles the viewport spans: a socket write per tile per client made
/// a thousand zoomed-out maps cost ~64,000 writes a second and delayed partner pushes (load/RESULTS.md "Live map").
/// </summary>
public sealed class DashboardViewportGroupTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly (double Lat, double Lon) Amsterdam = (52.3702, 4.8952);
    private static readonly string[] Statuses = ["CHARGING", "BLOCKED", "OUTOFORDER", "RESERVED", "CHARGING"];

    private StatusGridHost Host => fixture.Host;

    [Fact]
    public async Task Changes_in_two_detail_tiles_of_one_viewport_reach_its_client_in_one_message()
    {
        using var admin = Host.Client();
        await PutAsync(admin, "VG-A1", MapLocations.Json("VG-A1", Amsterdam, "Amsterdam"));
        await PutAsync(admin, "VG-U1", MapLocations.Json("VG-U1", MapLocations.Utrecht, "Utrecht"));
        await Until(admin, "/api/dashboard/snapshot?bbox=4.8,52.0,5.25,52.45&zoom=11",
            body => body.Contains("VG-A1", StringComparison.Ordinal) && body.Contains("VG-U1", StringComparison.Ordinal));
        // Zoom 11 over both cities: detail mode, several z10 tiles (Amsterdam and Utrecht are in different ones).
        await using var map = await MapClient.WatchAsync(Host.BaseAddress, 4.8, 52.0, 5.25, 52.45, 11);
        using var ingest = Host.Client(StatusGridHost.IngestKey);

        var together = false;
        for (var attempt = 0; attempt < Statuses.Length && !together; attempt++)
        {
            // Both in one request, so they reach the feed together; a round may still split them, hence a few tries.
            var status = Statuses[attempt];
            var at = $"2026-03-01T10:00:0{attempt}Z";
            await PostAsync(ingest, $$"""
                {"changes":[{"location_id":"VG-A1","evse_uid":"VG-A1-E1","status":"{{status}}","observed_at":"{{at}}"},
                            {"location_id":"VG-U1","evse_uid":"VG-U1-E1","status":"{{status}}","observed_at":"{{at}}"}]}
                """);
            bool seenA = false, seenU = false;
            while (!(seenA && seenU))
            {
                var batch = await map.WaitForAsync("statusChanged", _ => true);
                var a = MapClient.HasItem(batch, "VG-A1-E1", status);
                var u = MapClient.HasItem(batch, "VG-U1-E1", status);
                together |= a && u;
                (seenA, seenU) = (seenA || a, seenU || u);
            }
        }

        Assert.True(together, "each detail tile's changes came in a message of their own");
    }

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

    private static async Task PostAsync(HttpClient ingest, string json)
    {
        var response = await ingest.SendJsonAsync(HttpMethod.Post, "/api/status", json);
        var body = await response.JsonAsync();
        Assert.Equal(2, body.GetProperty("applied").GetInt32());
    }
}
