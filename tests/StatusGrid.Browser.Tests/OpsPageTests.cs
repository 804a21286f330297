using Microsoft.Playwright;
using StatusGrid.Server.Tests;

namespace StatusGrid.Browser.Tests;

/// <summary>The operations view in a real browser: asks for the admin key, then shows silos, partners and charts.</summary>
public sealed class OpsPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_operations_view_asks_for_the_admin_key_and_then_shows_partners_and_silos()
    {
        using var admin = fixture.Host.Client();
        var partner = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson("http://127.0.0.1:9/ocpi/emsp/2.2.1/locations", id: "NL*OPS"));
        Assert.True(partner.IsSuccessStatusCode, await partner.Content.ReadAsStringAsync());
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, "/ops").ToString());
        await page.FillAsync("#key-input", StatusGridHost.AdminKey);
        await page.PressAsync("#key-input", "Enter");

        await page.WaitForSelectorAsync("#partners tr[data-partner=\"NL*OPS\"]");
        await page.WaitForSelectorAsync("#silos td:text('Active')");
        await page.WaitForFunctionAsync("() => document.getElementById('ingest-rate').textContent !== '–'");
        Assert.Empty(errors);
        await BrowserFixture.ShotAsync(page, "7-ops");
    }
}
