using Microsoft.Playwright;
using StatusGrid.Server.Tests;
using StatusGrid.Server.Tests.Dashboard;

namespace StatusGrid.Browser.Tests;

/// <summary>The map of a CPO that keeps its dashboard private (<c>StatusGrid:Dashboard:RequireCredential</c>): its own host.</summary>
public sealed class KeyedMapTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string ViewerKey = "test-viewer-key-0123456789abcdefghijklm";

    [Fact]
    public async Task A_private_map_asks_again_after_a_wrong_key_and_then_shows_markers_and_live_changes()
    {
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["webroot"] = Path.Combine(BrowserFixture.RepoRoot(), "src", "StatusGrid.Server", "wwwroot"),
            ["StatusGrid:Dashboard:TileUrl"] = "http://127.0.0.1:9/{z}/{x}/{y}.png",
            ["StatusGrid:Dashboard:RequireCredential"] = "true",
            ["StatusGrid:Dashboard:ViewerApiKey"] = ViewerKey,
        });
        using (var admin = host.Client())
        {
            var put = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/BR-K1", MapLocations.Json("BR-K1", (52.3700, 4.8900), "Amsterdam"));
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(host.BaseAddress.ToString());

        await page.FillAsync("#key-input", "not-the-key");
        await page.PressAsync("#key-input", "Enter");
        await page.WaitForFunctionAsync("() => document.getElementById('key-dialog').open");
        await page.FillAsync("#key-input", ViewerKey);
        await page.PressAsync("#key-input", "Enter");

        await page.WaitForSelectorAsync("body[data-mode]");
        await page.EvaluateAsync("() => statusGrid.map.setView([52.37, 4.89], 15, { animate: false })");
        await page.WaitForSelectorAsync(".sg-marker [data-location=\"BR-K1\"][data-status=\"AVAILABLE\"]");

        // The hub took the same key (access_token): a change reaches the marker.
        using var ingest = host.Client(StatusGridHost.IngestKey);
        var body = """{"changes":[{"location_id":"BR-K1","evse_uid":"BR-K1-E1","status":"CHARGING","observed_at":"2026-03-01T10:00:00Z"},""" +
                   """{"location_id":"BR-K1","evse_uid":"BR-K1-E2","status":"CHARGING","observed_at":"2026-03-01T10:00:00Z"}]}""";
        Assert.True((await ingest.SendJsonAsync(HttpMethod.Post, "/api/status", body)).IsSuccessStatusCode);
        await page.WaitForSelectorAsync(".sg-marker [data-location=\"BR-K1\"][data-status=\"CHARGING\"]");

        Assert.False(await page.EvaluateAsync<bool>("() => document.getElementById('key-dialog').open"));
        Assert.Equal(ViewerKey, await page.EvaluateAsync<string>("() => sessionStorage.getItem('statusgrid-key')"));
        Assert.Empty(errors);
        await BrowserFixture.ShotAsync(page, "8-private-map");
    }
}
