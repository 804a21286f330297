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

    [Fact]
    public async Task An_unauthenticated_answer_that_arrives_after_the_key_was_entered_does_not_ask_for_the_key_again()
    {
        // The page's first poll sends two requests without a key; both answer 401. When one answer is slow and comes
        // after the key was already entered, the page must retry with that key, not open the dialog a second time
        // and wait there forever (the race seen in CI: the partner table never filled).
        using var admin = fixture.Host.Client();
        var partner = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson("http://127.0.0.1:9/ocpi/emsp/2.2.1/locations", id: "NL*OPT"));
        Assert.True(partner.IsSuccessStatusCode, await partner.Content.ReadAsStringAsync());
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var keyEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/api/admin/partners*", async route =>
        {
            if (!route.Request.Headers.ContainsKey("x-api-key"))
            {
                await keyEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }

            await route.ContinueAsync();
        });

        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, "/ops").ToString());
        await page.FillAsync("#key-input", StatusGridHost.AdminKey);
        await page.PressAsync("#key-input", "Enter");
        await page.WaitForFunctionAsync("() => !document.getElementById('key-dialog').open");
        keyEntered.SetResult();

        await page.WaitForSelectorAsync("#partners tr[data-partner=\"NL*OPT\"]", new PageWaitForSelectorOptions { Timeout = 15_000 });
        Assert.False(await page.EvaluateAsync<bool>("() => document.getElementById('key-dialog').open"), "the key dialog opened a second time");
    }

    [Fact]
    public async Task A_partner_whose_grain_does_not_answer_is_shown_with_why_and_the_others_keep_their_health()
    {
        // The listing names such a partner under "unavailable" (Admin/Partners/PartnerBusyTests proves the server
        // side); here the page must show it as a row of its own, not drop it and not blank the table.
        var (page, errors) = await OpenOpsWithPartnerListingAsync("""
            {"total":2,"offset":0,"limit":1000,
             "items":[{"id":"NL*LIVE","delivery_mode":"latest","health":{"circuit_state":"Closed","queue_depth":3,"successes":10}}],
             "unavailable":[{"id":"NL*STUCK","reason":"the partner grain did not answer within 5 s"}]}
            """);

        var stuck = await page.WaitForSelectorAsync("#partners tr[data-partner=\"NL*STUCK\"]");
        Assert.Contains("did not answer within 5 s", await stuck!.TextContentAsync(), StringComparison.Ordinal);
        Assert.NotNull(await page.QuerySelectorAsync("#partners tr[data-partner=\"NL*LIVE\"]"));
        Assert.Equal("3", await page.TextContentAsync("#queue"));
        Assert.Empty(errors);
        await BrowserFixture.ShotAsync(page, "7-ops-unavailable");
    }

    [Fact]
    public async Task A_network_with_more_partners_than_the_view_shows_says_how_many_are_left_out()
    {
        // The view asks for the first 1,000 partners by id; the listing's total says how many exist. Dropping the rest
        // silently would make the queue and push-rate totals look complete when they are not.
        var (page, errors) = await OpenOpsWithPartnerListingAsync("""
            {"total":1502,"offset":0,"limit":1000,
             "items":[{"id":"NL*A","delivery_mode":"latest","health":{"circuit_state":"Closed","queue_depth":1,"successes":1}}],
             "unavailable":[{"id":"NL*B","reason":"the partner grain did not answer within 5 s"}]}
            """);

        var more = await page.WaitForSelectorAsync("#partners tr.more");
        Assert.Contains("1,500 more partners", await more!.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("not in the totals", await more.TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    /// <summary>Opens /ops with the admin key, its partner listing answered by <paramref name="listing"/>; collects page errors.</summary>
    private async Task<(IPage Page, List<string> Errors)> OpenOpsWithPartnerListingAsync(string listing)
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.RouteAsync("**/api/admin/partners*", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "application/json",
            Body = listing,
        }));

        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, "/ops").ToString());
        await page.FillAsync("#key-input", StatusGridHost.AdminKey);
        await page.PressAsync("#key-input", "Enter");
        return (page, errors);
    }
}
