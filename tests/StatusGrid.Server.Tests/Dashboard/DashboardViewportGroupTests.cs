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

        // Utrecht and Munich are different z6 tiles: two features, in one message or (before) in two.
        var together = await EverInOneMessageAsync(ingest, europe, "aggregates", ("VG-U2", "VG-U2-E1"), ("VG-M2", "VG-M2-E1"), "11",
            (features, _) => features.EnumerateArray().Select(f => f.GetProperty("id").GetString()!));

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

        var together = await EverInOneMessageAsync(ingest, map, "statusChanged", ("DR-U3", "DR-U3-E1"), ("DR-E3", "DR-E3-E1"), "12",
            (items, at) => items.EnumerateArray()
                .Where(i => i.GetProperty("last_updated").GetString() == at)
                .Select(i => i.GetProperty("location_id").GetString()!));

        Assert.True(together, "each detail tile's items came in a message of their own");
    }

    /// <summary>
    /// Reports a change of two EVSEs in one request, up to five times, and answers whether one <paramref name="method"/>
    /// message ever carried both (<paramref name="keysOf"/> a message and the attempt's time: what it holds of that
    /// attempt). Two changes of one request may fall into two rounds by chance, but not on every attempt; a feed that
    /// sends them apart never carries both.
    /// </summary>
    private static async Task<bool> EverInOneMessageAsync(HttpClient ingest, MapClient client, string method,
        (string Location, string Evse) first, (string Location, string Evse) second, string hour,
        Func<JsonElement, string, IEnumerable<string>> keysOf)
    {
        for (var attempt = 0; attempt < Statuses.Length; attempt++)
        {
            var status = Statuses[attempt];
            var at = $"2026-03-01T{hour}:00:0{attempt}Z";
            await PostAsync(ingest, $$"""
                {"changes":[{"location_id":"{{first.Location}}","evse_uid":"{{first.Evse}}","status":"{{status}}","observed_at":"{{at}}"},
                            {"location_id":"{{second.Location}}","evse_uid":"{{second.Evse}}","status":"{{status}}","observed_at":"{{at}}"}]}
                """);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (seen.Count < 2)
            {
                var keys = keysOf(await client.WaitForAsync(method, _ => true), at).ToHashSet(StringComparer.Ordinal);
                if (keys.Count >= 2)
                {
                    return true;
                }

                seen.UnionWith(keys);
            }
        }

        return false;
    }

    private static async Task PostAsync(HttpClient ingest, string json)
    {
        var response = await ingest.SendJsonAsync(HttpMethod.Post, "/api/status", json);
        var body = await response.JsonAsync();
        Assert.Equal(2, body.GetProperty("applied").GetInt32());
    }
}
