using System.Diagnostics;
using Microsoft.Playwright;
using StatusGrid.Server.Tests;
using StatusGrid.Server.Tests.Dashboard;

namespace StatusGrid.Browser.Tests;

/// <summary>The map in a real browser: each test works in its own town, so tests do not see each other's markers.</summary>
public sealed class MapPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string ViewerKey = "test-viewer-key-0123456789abcdefghijklm";

    private StatusGridHost Host => fixture.Host;

    private static string Marker(string id, string? status = null) =>
        $".sg-marker [data-location=\"{id}\"]" + (status is null ? "" : $"[data-status=\"{status}\"]");

    /// <summary>
    /// Waits for the location's marker to show inside the page's view. Queried afresh each time: a marker is drawn
    /// again when the view settles (a handle to the first one may be detached by then).
    /// </summary>
    private static async Task UntilInViewAsync(IPage page, string id)
    {
        const string inView = """
            selector => {
              const r = document.querySelector(selector)?.getBoundingClientRect();
              return !!r && r.width > 0 && r.x > 0 && r.x < innerWidth && r.y > 0 && r.y < innerHeight;
            }
            """;
        try
        {
            await page.WaitForFunctionAsync(inView, Marker(id), new PageWaitForFunctionOptions { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            var at = await page.EvaluateAsync<string>("s => JSON.stringify(document.querySelector(s)?.getBoundingClientRect() ?? null)", Marker(id));
            Assert.Fail($"{id}'s marker is not inside the view after 10 s: {at}");
        }
    }

    private async Task PutAsync(string id, (double Lat, double Lon) at, string city, int evses = 2)
    {
        using var admin = Host.Client();
        var response = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/locations/{id}", MapLocations.Json(id, at, city, evses: evses));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Locations reach the page's estate through the fan-out a moment after the put.</summary>
    private async Task UntilInEstateAsync(string id)
    {
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(await http.GetStringAsync("/api/dashboard/search?q=" + id)).Contains(id, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{id} never reached the dashboard estate");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task The_page_shows_the_markers_of_the_estate_on_a_plain_background_when_tiles_are_unreachable()
    {
        await PutAsync("BR-A1", (52.3700, 4.8900), "Amsterdam");
        await PutAsync("BR-A2", (52.3600, 4.9200), "Amsterdam");
        await UntilInEstateAsync("BR-A2");

        var page = await fixture.OpenMapAsync(52.365, 4.905, 14);

        await page.WaitForSelectorAsync(Marker("BR-A1"));
        await page.WaitForSelectorAsync(Marker("BR-A2"));
        await page.WaitForSelectorAsync("#no-tiles:not([hidden])");
        Assert.Equal("detail", await page.GetAttributeAsync("body", "data-mode"));
        await BrowserFixture.ShotAsync(page, "1-markers");
    }

    [Fact]
    public async Task An_ingested_change_updates_the_marker_and_the_open_popup_within_a_second()
    {
        await PutAsync("BR-R1", (51.9225, 4.4792), "Rotterdam");
        await UntilInEstateAsync("BR-R1");
        var page = await fixture.OpenMapAsync(51.9225, 4.4792, 15);
        await page.ClickAsync(Marker("BR-R1", "AVAILABLE"));
        await page.WaitForSelectorAsync(".sg-popup li[data-evse=\"BR-R1-E1\"][data-status=\"AVAILABLE\"]");

        await BrowserFixture.IngestAsync(Host, "BR-R1", "CHARGING");
        var clock = Stopwatch.StartNew();

        await page.WaitForSelectorAsync(".sg-popup li[data-evse=\"BR-R1-E1\"][data-status=\"CHARGING\"]", new PageWaitForSelectorOptions { Timeout = 1000 });
        await page.WaitForSelectorAsync(Marker("BR-R1", "CHARGING"), new PageWaitForSelectorOptions { Timeout = (float)Math.Max(1, 1000 - clock.ElapsedMilliseconds) });
        Assert.True(clock.ElapsedMilliseconds <= 1000, $"took {clock.ElapsedMilliseconds} ms");
        await BrowserFixture.ShotAsync(page, "2-change-in-open-popup");
    }

    /// <summary>
    /// Times are sent with milliseconds only when there are some ("10:00:00Z", then "10:00:00.250Z"). The page compared
    /// them as text, where "Z" sorts after ".", so a change a quarter second after a whole second counted as older and
    /// the marker kept the earlier status. Found by an audit of the map; seen failing first.
    /// </summary>
    [Fact]
    public async Task A_change_within_the_same_second_as_the_one_shown_still_updates_the_marker()
    {
        await PutAsync("BR-MS1", (52.0116, 4.3571), "Delft");
        await UntilInEstateAsync("BR-MS1");
        var page = await fixture.OpenMapAsync(52.0116, 4.3571, 15);
        await page.WaitForSelectorAsync(Marker("BR-MS1", "AVAILABLE"));
        await BrowserFixture.IngestAsync(Host, "BR-MS1", "CHARGING", observedAt: "2026-03-01T10:00:00Z");
        await page.WaitForSelectorAsync(Marker("BR-MS1", "CHARGING"));

        await BrowserFixture.IngestAsync(Host, "BR-MS1", "AVAILABLE", observedAt: "2026-03-01T10:00:00.250Z");

        await page.WaitForSelectorAsync(Marker("BR-MS1", "AVAILABLE"), new PageWaitForSelectorOptions { Timeout = 5000 });
    }

    [Fact]
    public async Task Zooming_out_switches_from_markers_to_aggregates()
    {
        await PutAsync("BR-U1", (52.0907, 5.1214), "Utrecht");
        await UntilInEstateAsync("BR-U1");
        var page = await fixture.OpenMapAsync(52.0907, 5.1214, 14);
        await page.WaitForSelectorAsync(Marker("BR-U1"));

        await page.EvaluateAsync("() => statusGrid.map.setZoom(6, { animate: false })");

        await page.WaitForSelectorAsync("body[data-mode=\"aggregate\"]");
        await page.WaitForSelectorAsync(".sg-aggregate .pie");
        Assert.Equal(0, await page.Locator(".sg-marker").CountAsync());
        await BrowserFixture.ShotAsync(page, "3-aggregates");
    }

    [Fact]
    public async Task The_power_filter_hides_locations_without_a_matching_connector()
    {
        await PutAsync("BR-E1", (51.4416, 5.4697), "Eindhoven", evses: 2); // AC 22 kW and DC 150 kW
        await PutAsync("BR-E2", (51.4500, 5.4900), "Eindhoven", evses: 1); // AC 22 kW only
        await UntilInEstateAsync("BR-E2");
        var page = await fixture.OpenMapAsync(51.4458, 5.4800, 14);
        await page.WaitForSelectorAsync(Marker("BR-E2"));

        await page.SelectOptionAsync("#power-filter", "DC");

        await page.WaitForSelectorAsync(Marker("BR-E2"), new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await page.WaitForSelectorAsync(Marker("BR-E1"));
        await BrowserFixture.ShotAsync(page, "4-filter-dc-only");

        await page.SelectOptionAsync("#power-filter", "");
        await page.FillAsync("#kw-filter", "100");
        await page.WaitForSelectorAsync(Marker("BR-E2"), new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await page.WaitForSelectorAsync(Marker("BR-E1"));
    }

    [Fact]
    public async Task A_location_added_through_the_admin_api_appears_without_a_reload()
    {
        await PutAsync("BR-G1", (53.2194, 6.5665), "Groningen");
        await UntilInEstateAsync("BR-G1");
        var page = await fixture.OpenMapAsync(53.2194, 6.5665, 14);
        await page.WaitForSelectorAsync(Marker("BR-G1"));

        await PutAsync("BR-G2", (53.2120, 6.5500), "Groningen");

        await page.WaitForSelectorAsync(Marker("BR-G2"), new PageWaitForSelectorOptions { Timeout = 10_000 });
        await BrowserFixture.ShotAsync(page, "5-new-location");
    }

    [Fact]
    public async Task Searching_an_evse_id_flies_to_its_location_and_opens_the_popup()
    {
        await PutAsync("BR-Z1", (52.5168, 6.0830), "Zwolle");
        await UntilInEstateAsync("BR-Z1");
        var page = await fixture.OpenMapAsync(52.0, 5.0, 8);

        await page.FillAsync("#search-input", "NL*SGR*EBRZ12");
        await page.ClickAsync("#search-results li[data-location=\"BR-Z1\"]");

        await page.WaitForSelectorAsync(".sg-popup[data-location=\"BR-Z1\"]", new PageWaitForSelectorOptions { Timeout = 10_000 });
        await BrowserFixture.ShotAsync(page, "6-search");
    }

    [Fact]
    public async Task A_view_across_the_antimeridian_shows_the_locations_on_both_sides_of_it_side_by_side()
    {
        // Fiji: Taveuni west of 180°, the next island east of it. Leaflet's view centred on 180° spans 179.94..180.06.
        await PutAsync("BR-FW", (-16.8000, 179.9700), "Taveuni");
        await PutAsync("BR-FE", (-16.8000, -179.9700), "Qamea");
        await UntilInEstateAsync("BR-FW");
        await UntilInEstateAsync("BR-FE");

        var page = await fixture.OpenMapAsync(-16.8, 180.0, 14);

        foreach (var id in new[] { "BR-FW", "BR-FE" })
        {
            await UntilInViewAsync(page, id);
        }

        await BrowserFixture.ShotAsync(page, "9-antimeridian");
    }

    [Fact]
    public async Task A_new_page_frames_an_estate_across_the_antimeridian_on_its_locations_not_the_whole_world()
    {
        // A CPO in Fiji only: a host of its own, so the estate is just these two.
        await using var host = await BrowserFixture.StartPageHostAsync(new Dictionary<string, string>());
        using (var admin = host.Client())
        {
            foreach (var (id, at, city) in new[] { ("BR-FJW", (-16.8000, 179.9700), "Taveuni"), ("BR-FJE", (-16.7900, -179.9800), "Qamea") })
            {
                var put = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/locations/{id}", MapLocations.Json(id, at, city));
                Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
            }
        }

        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await page.GotoAsync(host.BaseAddress.ToString());

        foreach (var id in new[] { "BR-FJW", "BR-FJE" })
        {
            await UntilInViewAsync(page, id);
        }

        Assert.True(await page.EvaluateAsync<int>("() => statusGrid.map.getZoom()") >= 10, "framed zoomed out, not on the two locations");
        await BrowserFixture.ShotAsync(page, "10-antimeridian-framed");
    }

    [Fact]
    public async Task A_private_map_asks_again_after_a_wrong_key_and_then_shows_markers_and_live_changes()
    {
        // A CPO that keeps its dashboard private: a host of its own.
        await using var host = await BrowserFixture.StartPageHostAsync(new Dictionary<string, string>
        {
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
        await page.WaitForSelectorAsync(Marker("BR-K1", "AVAILABLE"));

        // The hub took the same key (access_token): a change reaches the marker.
        await BrowserFixture.IngestAsync(host, "BR-K1", "CHARGING");
        await page.WaitForSelectorAsync(Marker("BR-K1", "CHARGING"));

        Assert.False(await page.EvaluateAsync<bool>("() => document.getElementById('key-dialog').open"));
        Assert.Equal(ViewerKey, await page.EvaluateAsync<string>("() => sessionStorage.getItem('statusgrid-key')"));
        Assert.Empty(errors);
        await BrowserFixture.ShotAsync(page, "8-private-map");
    }
}
