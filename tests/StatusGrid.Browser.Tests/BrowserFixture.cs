using Microsoft.Playwright;
using StatusGrid.Server.Tests;

namespace StatusGrid.Browser.Tests;

/// <summary>
/// One real host and one headless Chromium for the map tests. The browser is Debian's chromium at /usr/bin/chromium
/// (override with STATUSGRID_CHROMIUM); Playwright never downloads one. The tile URL points at a closed loopback port,
/// like a machine without internet: the map must work on its plain background.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string Chromium = Environment.GetEnvironmentVariable("STATUSGRID_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public StatusGridHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots of each step land here, in the test output folder (kept as CI artefacts).</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        // A new user who runs this project alone before .ci/run has installed the browser gets what to do, not
        // Playwright's "executable doesn't exist".
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {Chromium}: run .ci/run (it installs Debian's chromium when missing), " +
                "or 'apt-get install chromium', or set STATUSGRID_CHROMIUM to a Chromium executable.");
        }

        Directory.CreateDirectory(Screenshots);
        Host = await StartPageHostAsync(new Dictionary<string, string> { ["StatusGrid:Dashboard:AggregateInterval"] = "00:00:00.200" });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A host that serves the repository's pages, with tiles on a closed port; <paramref name="settings"/> added.</summary>
    public static Task<StatusGridHost> StartPageHostAsync(IReadOnlyDictionary<string, string> settings)
    {
        var all = new Dictionary<string, string>(settings)
        {
            ["webroot"] = Path.Combine(RepoRoot(), "src", "StatusGrid.Server", "wwwroot"),
            ["StatusGrid:Dashboard:TileUrl"] = "http://127.0.0.1:9/{z}/{x}/{y}.png",
        };
        return StatusGridHost.StartAsync(all);
    }

    /// <summary>Reports every EVSE of a <see cref="StatusGrid.Server.Tests.Dashboard.MapLocations"/> location in <paramref name="status"/>.</summary>
    public static async Task IngestAsync(StatusGridHost host, string locationId, string status, int evses = 2, string observedAt = "2026-03-01T10:00:00Z")
    {
        using var ingest = host.Client(StatusGridHost.IngestKey);
        var changes = string.Join(",", Enumerable.Range(1, evses).Select(n =>
            $$"""{"location_id":"{{locationId}}","evse_uid":"{{locationId}}-E{{n}}","status":"{{status}}","observed_at":"{{observedAt}}"}"""));
        var answer = await ingest.SendJsonAsync(HttpMethod.Post, "/api/status", $$"""{"changes":[{{changes}}]}""");
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
    }

    public async Task<IPage> OpenMapAsync(double latitude, double longitude, int zoom)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(Host.BaseAddress.ToString());
        await page.WaitForSelectorAsync("body[data-mode]");
        await page.EvaluateAsync($"() => statusGrid.map.setView([{latitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {longitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}], {zoom}, {{ animate: false }})");
        Assert.Empty(errors);
        return page;
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StatusGrid.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("StatusGrid.sln not found above " + AppContext.BaseDirectory);
    }

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), Animations = ScreenshotAnimations.Disabled });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}
