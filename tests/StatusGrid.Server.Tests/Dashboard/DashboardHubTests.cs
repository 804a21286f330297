using System.Net;
using System.Text.Json;

namespace StatusGrid.Server.Tests.Dashboard;

/// <summary>The real host: viewport groups, aggregates, public data only.</summary>
public sealed class DashboardHubTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    [Fact]
    public async Task A_client_watching_one_tile_does_not_receive_a_change_in_another()
    {
        using var admin = Host.Client();
        await PutAsync(admin, "TA-U1", MapLocations.Json("TA-U1", MapLocations.Utrecht, "Utrecht"));
        await PutAsync(admin, "TA-M1", MapLocations.Json("TA-M1", MapLocations.Munich, "München"));
        // As a browser: the map shows both first. A change committed before the map re-read its location arrives
        // inside that re-read (locationChanged), not as a statusChanged item.
        await Until(admin, "/api/dashboard/snapshot?bbox=5.0,52.0,5.25,52.15&zoom=13", body => body.Contains("TA-U1", StringComparison.Ordinal));
        await Until(admin, "/api/dashboard/snapshot?bbox=11.45,48.08,11.70,48.20&zoom=13", body => body.Contains("TA-M1", StringComparison.Ordinal));
        await using var utrecht = await MapClient.WatchAsync(Host.BaseAddress, 5.0, 52.0, 5.25, 52.15, 13);
        await using var munich = await MapClient.WatchAsync(Host.BaseAddress, 11.45, 48.08, 11.70, 48.20, 13);
        using var ingest = Host.Client(StatusGridHost.IngestKey);

        await IngestAsync(ingest, "TA-M1", "TA-M1-E1", "CHARGING", "2026-02-01T10:00:00Z");
        await munich.WaitForAsync("statusChanged", b => MapClient.HasItem(b, "TA-M1-E1", "CHARGING"));
        await IngestAsync(ingest, "TA-U1", "TA-U1-E1", "CHARGING", "2026-02-01T10:00:01Z");
        await utrecht.WaitForAsync("statusChanged", b => MapClient.HasItem(b, "TA-U1-E1", "CHARGING"));

        // Sends are ordered per connection: Munich's change went out first, so Utrecht would have seen it by now.
        Assert.DoesNotContain(utrecht.Seen, m => m.Argument.ToString().Contains("TA-M1", StringComparison.Ordinal));
        Assert.DoesNotContain(munich.Seen, m => m.Argument.ToString().Contains("TA-U1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_zoomed_out_client_gets_counts_per_coarse_tile_instead_of_evses()
    {
        using var admin = Host.Client();
        await PutAsync(admin, "AG-U1", MapLocations.Json("AG-U1", MapLocations.Utrecht, "Utrecht"));
        await using var europe = await MapClient.WatchAsync(Host.BaseAddress, -10, 40, 25, 60, 5);
        using var ingest = Host.Client(StatusGridHost.IngestKey);

        await IngestAsync(ingest, "AG-U1", "AG-U1-E2", "OUTOFORDER", "2026-02-01T11:00:00Z");

        var aggregates = await europe.WaitForAsync("aggregates", a => a.EnumerateArray().Any(f =>
            f.GetProperty("properties").GetProperty("counts").TryGetProperty("OUTOFORDER", out _)));
        var feature = aggregates[0];
        Assert.Equal("Point", feature.GetProperty("geometry").GetProperty("type").GetString());
        Assert.True(feature.GetProperty("properties").GetProperty("evses").GetInt32() >= 2);
        Assert.DoesNotContain(europe.Seen, m => m.Method == "statusChanged");
    }

    /// <summary>
    /// A coarse tile whose last location leaves (unpublished, or moved by an edit) must be told so: the pump sent only
    /// tiles that still held something, so the bubble kept its old counts until the user panned, and a moved location
    /// was counted twice. Found by an audit of the map; seen failing first.
    /// </summary>
    [Fact]
    public async Task A_zoomed_out_client_sees_a_coarse_tile_emptied_when_its_only_location_leaves()
    {
        using var admin = Host.Client();
        var reykjavik = (64.1466, -21.9426);
        await PutAsync(admin, "AG-IS1", MapLocations.Json("AG-IS1", reykjavik, "Reykjavík"));
        await using var iceland = await MapClient.WatchAsync(Host.BaseAddress, -25, 63, -13, 67, 5);
        using var ingest = Host.Client(StatusGridHost.IngestKey);
        await IngestAsync(ingest, "AG-IS1", "AG-IS1-E1", "CHARGING", "2026-02-01T12:00:00Z");
        var before = await iceland.WaitForAsync("aggregates", a => a.EnumerateArray().Any(f =>
            f.GetProperty("properties").GetProperty("counts").TryGetProperty("CHARGING", out _)));
        var tile = before[0].GetProperty("properties").GetProperty("tile").GetString();

        await PutAsync(admin, "AG-IS1", MapLocations.Json("AG-IS1", reykjavik, "Reykjavík", publish: false));

        var after = await iceland.WaitForAsync("aggregates", a => a.EnumerateArray().Any(f =>
            f.GetProperty("properties").GetProperty("tile").GetString() == tile && f.GetProperty("properties").GetProperty("locations").GetInt32() == 0));
        Assert.Equal(0, after.EnumerateArray().Single(f => f.GetProperty("properties").GetProperty("tile").GetString() == tile)
            .GetProperty("properties").GetProperty("evses").GetInt32());
    }

    [Fact]
    public async Task A_new_location_reaches_the_clients_watching_its_tile()
    {
        await using var utrecht = await MapClient.WatchAsync(Host.BaseAddress, 5.0, 52.0, 5.25, 52.15, 13);
        using var admin = Host.Client();

        await PutAsync(admin, "NEW-U9", MapLocations.Json("NEW-U9", (52.08, 5.10), "Utrecht"));

        var feature = await utrecht.WaitForAsync("locationChanged", f => f.GetProperty("id").GetString() == "NEW-U9");
        var evse = feature.GetProperty("properties").GetProperty("evses")[1];
        Assert.Equal("IEC_62196_T2_COMBO", evse.GetProperty("connectors")[0].GetProperty("standard").GetString());
        Assert.Equal(150, evse.GetProperty("connectors")[0].GetProperty("kw").GetDouble());
    }

    [Fact]
    public async Task Unpublished_locations_are_never_in_snapshots_search_or_pages_and_only_map_fields_are()
    {
        using var admin = Host.Client();
        await PutAsync(admin, "PUB-1", MapLocations.Json("PUB-1", (52.07, 5.11), "Utrecht"));
        await PutAsync(admin, "HIDDEN-1", MapLocations.Json("HIDDEN-1", (52.071, 5.111), "Utrecht", publish: false));
        using var anonymous = new HttpClient { BaseAddress = Host.BaseAddress };

        var snapshot = await Until(anonymous, "/api/dashboard/snapshot?bbox=5.0,52.0,5.25,52.15&zoom=13", s => s.Contains("PUB-1", StringComparison.Ordinal));
        Assert.DoesNotContain("HIDDEN-1", snapshot, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(snapshot);
        Assert.Equal("FeatureCollection", document.RootElement.GetProperty("type").GetString());
        var properties = document.RootElement.GetProperty("features").EnumerateArray().First(f => f.GetProperty("id").GetString() == "PUB-1").GetProperty("properties");
        Assert.Equal(["id", "name", "address", "city", "postal_code", "country", "operator", "evses"], properties.EnumerateObject().Select(p => p.Name));

        var search = await anonymous.GetStringAsync("/api/dashboard/search?q=HIDDEN");
        Assert.DoesNotContain("HIDDEN-1", search, StringComparison.Ordinal);
        var page = await anonymous.GetStringAsync("/api/dashboard/locations?limit=1000");
        Assert.Contains("PUB-1", page, StringComparison.Ordinal);
        Assert.DoesNotContain("HIDDEN-1", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operations_data_needs_the_admin_key()
    {
        using var anonymous = new HttpClient { BaseAddress = Host.BaseAddress };
        using var admin = Host.Client();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/ops/overview")).StatusCode);
        var overview = await (await admin.GetAsync("/api/ops/overview")).JsonAsync();
        Assert.Equal("Active", overview.GetProperty("silos")[0].GetProperty("status").GetString());
    }

    internal static async Task PutAsync(HttpClient admin, string id, string json)
    {
        var response = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/locations/{id}", json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    internal static async Task IngestAsync(HttpClient ingest, string location, string evse, string status, string at)
    {
        var response = await ingest.SendJsonAsync(HttpMethod.Post, "/api/status", MapLocations.Change(location, evse, status, at));
        var body = await response.JsonAsync();
        Assert.Equal(1, body.GetProperty("applied").GetInt32());
    }

    /// <summary>The estate learns a put location a moment later (through the fan-out): polls until it shows.</summary>
    internal static async Task<string> Until(HttpClient client, string url, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var body = await client.GetStringAsync(url);
            if (done(body) || DateTime.UtcNow > deadline)
            {
                return body;
            }

            await Task.Delay(50);
        }
    }
}
