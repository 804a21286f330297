using System.Net;
using System.Text.Json;
using StatusGrid.Ocpi.Transport;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.OcpiApi;

/// <summary>Item 4: GET list (paging, date filters, Link/X-Total-Count/X-Limit, stable order, partner filters) and GET objects.</summary>
public sealed class OcpiLocationsSenderTests(SenderFixture fixture) : IClassFixture<SenderFixture>
{
    private StatusGridHost Host => fixture.Host;

    private static IEnumerable<string> Ids(Func<int, bool> where) => SenderFixture.All.Where(where).Select(SenderFixture.Id);

    private string Url(string path) => new Uri(Host.BaseAddress, path).AbsoluteUri;

    [Fact]
    public async Task Pull_follows_link_to_every_visible_location_in_insertion_order()
    {
        await using var emsp = await Host.RegisteredEmspAsync("LS-P1");

        var pulled = await emsp.PullAllLocationsAsync();

        Assert.Empty(pulled.Problems);
        Assert.Equal(Ids(SenderFixture.Published), pulled.Ids);
        Assert.Equal([10, 10], pulled.Pages.Select(p => p.Items));
        Assert.All(pulled.Pages, p => Assert.Equal(20, p.TotalCount));
        Assert.All(pulled.Pages, p => Assert.Equal(SenderFixture.MaxPageSize, p.Limit));
        Assert.Equal(Url("/ocpi/2.2.1/locations?offset=10&limit=10"), pulled.Pages[0].Next);
        Assert.Null(pulled.Pages[1].Next);
        Assert.Equal("<" + Url("/ocpi/2.2.1/locations?offset=10&limit=10") + ">; rel=\"next\"", pulled.Pages[0].Headers["Link"]);
    }

    [Fact]
    public async Task A_limit_above_the_maximum_is_capped_and_a_smaller_one_is_kept()
    {
        await using var emsp = await Host.RegisteredEmspAsync("LS-P2");

        var capped = await emsp.PullAllLocationsAsync("limit=50");
        Assert.Equal(10, capped.Pages[0].Items);
        Assert.Equal(Url("/ocpi/2.2.1/locations?offset=10&limit=10"), capped.Pages[0].Next);

        var small = await emsp.PullAllLocationsAsync("limit=3");
        Assert.Equal(7, small.Pages.Count);
        Assert.Equal(Ids(SenderFixture.Published), small.Ids);
        Assert.Empty(small.Problems);

        var offset = await emsp.PullAllLocationsAsync("offset=18&limit=5");
        Assert.Equal(Ids(SenderFixture.Published).Skip(18), offset.Ids);
    }

    /// <summary>
    /// offset + limit was an int sum: near int.MaxValue it wrapped below the total, and the answer carried a Link to a
    /// negative offset, which the next request then refused. Found by an audit of the pull; seen failing first.
    /// </summary>
    [Fact]
    public async Task An_offset_near_the_largest_number_is_an_empty_last_page_without_a_link()
    {
        await using var emsp = await Host.RegisteredEmspAsync("LS-P9");

        using var response = await emsp.SendToCpoAsync(HttpMethod.Get, emsp.CpoLocationsUrl + "?offset=2147483647&limit=10");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Link"), string.Join(", ", response.Headers.Select(h => h.Key + ": " + string.Join(" ", h.Value))));
        Assert.Empty((await response.OcpiJsonAsync()).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Date_filters_are_from_inclusive_to_exclusive_and_repeated_in_link()
    {
        await using var emsp = await Host.RegisteredEmspAsync("LS-P3");

        // LS-15..LS-22 (no other test changes them): 08:15 is in, 08:23 (LS-23) is out.
        var pulled = await emsp.PullAllLocationsAsync("date_from=2026-01-01T08:15:00Z&date_to=2026-01-01T08:23:00&limit=3");

        Assert.Equal(Ids(i => SenderFixture.Published(i) && i is >= 15 and < 23), pulled.Ids);
        Assert.All(pulled.Pages, p => Assert.Equal(7, p.TotalCount));
        Assert.Equal(Url("/ocpi/2.2.1/locations?offset=3&limit=3&date_from=2026-01-01T08%3A15%3A00Z&date_to=2026-01-01T08%3A23%3A00Z"), pulled.Pages[0].Next);
        Assert.Empty(pulled.Problems);
    }

    [Fact]
    public async Task Paging_while_statuses_change_neither_skips_nor_repeats()
    {
        await using var emsp = await Host.RegisteredEmspAsync("LS-P4");
        using var ingest = Host.Client(StatusGridHost.IngestKey);
        var seen = new List<string>();
        var url = emsp.CpoLocationsUrl + "?limit=4";
        var minute = 0;
        while (url is not null)
        {
            using var response = await emsp.SendToCpoAsync(HttpMethod.Get, url);
            var envelope = await response.OcpiJsonAsync();
            seen.AddRange(envelope.GetProperty("data").EnumerateArray().Select(l => l.GetProperty("id").GetString()!));
            url = OcpiLinkHeader.TryParseNext(response.Headers.TryGetValues("Link", out var link) ? link.Single() : null, out var next) ? next!.AbsoluteUri : null;

            // Between pages, EVSEs of locations already read and not yet read change status (and last_updated).
            foreach (var id in new[] { "LS-00", "LS-11", "LS-23" })
            {
                minute++;
                using var changed = await ingest.SendJsonAsync(HttpMethod.Post, "/api/status",
                    $$"""{"changes":[{"location_id":"{{id}}","evse_uid":"{{id}}-E1","status":"{{(minute % 2 == 0 ? "AVAILABLE" : "CHARGING")}}","observed_at":"2026-03-01T10:{{minute:D2}}:00Z"}]}""");
                Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            }
        }

        Assert.Equal(Ids(SenderFixture.Published), seen);
    }

    [Fact]
    public async Task Live_statuses_and_their_last_updated_are_in_the_pulled_locations()
    {
        await using var emsp = await Host.RegisteredEmspAsync("LS-P5", """{"location_ids":["LS-07"]}""");
        using var ingest = Host.Client(StatusGridHost.IngestKey);
        using var changed = await ingest.SendJsonAsync(HttpMethod.Post, "/api/status",
            """{"changes":[{"location_id":"LS-07","evse_uid":"LS-07-E2","status":"OUTOFORDER","observed_at":"2026-04-01T09:00:00.125Z"}]}""");

        var location = Assert.Single((await emsp.PullAllLocationsAsync()).Locations);

        var evse = location.GetProperty("evses").EnumerateArray().Single(e => e.GetProperty("uid").GetString() == "LS-07-E2");
        Assert.Equal("OUTOFORDER", evse.GetProperty("status").GetString());
        Assert.Equal("2026-04-01T09:00:00.125Z", evse.GetProperty("last_updated").GetString());
        Assert.Equal("2026-04-01T09:00:00.125Z", location.GetProperty("last_updated").GetString());
        var since = await emsp.PullAllLocationsAsync("date_from=2026-04-01T09:00:00.125Z");
        Assert.Equal(["LS-07"], since.Ids);
    }

    [Fact]
    public async Task Partner_filters_restrict_the_list_its_count_and_the_objects()
    {
        await using var belgian = await Host.RegisteredEmspAsync("LS-F1", """{"countries":["be"],"published_only":false}""");
        var pulled = await belgian.PullAllLocationsAsync();
        Assert.Equal(Ids(i => SenderFixture.Country(i) == "BE"), pulled.Ids);
        Assert.All(pulled.Pages, p => Assert.Equal(8, p.TotalCount));
        using var dutch = await belgian.SendToCpoAsync(HttpMethod.Get, belgian.CpoLocationsUrl + "/LS-00");
        Assert.Equal(HttpStatusCode.NotFound, dutch.StatusCode);

        await using var listed = await Host.RegisteredEmspAsync("LS-F2", """{"location_ids":["ls-01","LS-03","LS-04"]}""");
        var few = await listed.PullAllLocationsAsync();
        Assert.Equal(["LS-01", "LS-03"], few.Ids);
        Assert.Equal(2, few.Pages[0].TotalCount);
        using var hidden = await listed.SendToCpoAsync(HttpMethod.Get, listed.CpoLocationsUrl + "/LS-04");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Object_gets_answer_location_evse_connector_and_404_with_2003_when_unknown()
    {
        await using var emsp = await Host.RegisteredEmspAsync("LS-O1");
        var baseUrl = emsp.CpoLocationsUrl;

        async Task<(HttpStatusCode Status, JsonElement Envelope)> Get(string path)
        {
            using var response = await emsp.SendToCpoAsync(HttpMethod.Get, baseUrl + path);
            return (response.StatusCode, await response.OcpiJsonAsync());
        }

        var location = await Get("/ls-00");
        Assert.Equal(HttpStatusCode.OK, location.Status);
        Assert.Equal("LS-00", location.Envelope.GetProperty("data").GetProperty("id").GetString());
        var evse = await Get("/LS-00/LS-00-E1");
        Assert.Equal("LS-00-E1", evse.Envelope.GetProperty("data").GetProperty("uid").GetString());
        var connector = await Get("/LS-00/ls-00-e1/1");
        Assert.Equal("IEC_62196_T2", connector.Envelope.GetProperty("data").GetProperty("standard").GetString());

        foreach (var path in new[] { "/NOPE", "/LS-00/NOPE", "/LS-00/LS-00-E1/9", "/LS-04" })
        {
            var (status, envelope) = await Get(path);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal(2003, envelope.OcpiStatus());
            Assert.Contains("Unknown", envelope.GetProperty("status_message").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("offset=-1", "offset")]
    [InlineData("limit=ten", "limit")]
    [InlineData("date_from=2026-01-01T08:00:00%2B01:00", "date_from")]
    [InlineData("date_to=yesterday", "date_to")]
    public async Task Bad_parameters_are_2001_naming_the_parameter(string query, string parameter)
    {
        await using var emsp = await Host.RegisteredEmspAsync("LS-B-" + parameter);

        using var response = await emsp.SendToCpoAsync(HttpMethod.Get, emsp.CpoLocationsUrl + "?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var envelope = await response.OcpiJsonAsync();
        Assert.Equal(2001, envelope.OcpiStatus());
        Assert.Contains($"'{parameter}'", envelope.GetProperty("status_message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_211_partner_pulls_211_shaped_locations_and_never_an_unpublished_one()
    {
        await using var emsp = await Host.RegisteredEmspAsync("LS-V211", """{"published_only":false}""", e => e.Versions = ["2.1.1"]);

        var pulled = await emsp.PullAllLocationsAsync();

        Assert.Equal("2.1.1", emsp.Version);
        Assert.Empty(pulled.Problems);
        Assert.Equal(Ids(SenderFixture.Published), pulled.Ids);
        Assert.All(pulled.Locations, l => Assert.Equal("UNKNOWN", l.GetProperty("type").GetString()));
        Assert.All(pulled.Pages, p => Assert.False(p.Headers.ContainsKey("OCPI-to-party-id")));
    }

    [Fact]
    public async Task A_230_partner_pulls_230_locations()
    {
        await using var emsp = await Host.RegisteredEmspAsync("LS-V230", configure: e => e.Versions = ["2.3.0"]);

        var pulled = await emsp.PullAllLocationsAsync();

        Assert.Equal("2.3.0", emsp.Version);
        Assert.Empty(pulled.Problems);
        Assert.Equal(20, pulled.Ids.Count);
    }

    [Fact]
    public async Task Removed_evse_stays_visible_as_removed()
    {
        await using var emsp = await Host.RegisteredEmspAsync("LS-R1", """{"location_ids":["LS-13"]}""");
        using var admin = Host.Client();
        using var patch = await admin.SendJsonAsync(HttpMethod.Patch, "/api/admin/locations/LS-13/LS-13-E2",
            """{"status":"REMOVED","last_updated":"2026-05-01T00:00:00Z"}""");
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        var location = Assert.Single((await emsp.PullAllLocationsAsync()).Locations);
        var evses = location.GetProperty("evses").EnumerateArray().ToList();
        Assert.Equal(2, evses.Count);
        Assert.Equal("REMOVED", evses.Single(e => e.GetProperty("uid").GetString() == "LS-13-E2").GetProperty("status").GetString());
        using var evse = await emsp.SendToCpoAsync(HttpMethod.Get, emsp.CpoLocationsUrl + "/LS-13/LS-13-E2");
        Assert.Equal("REMOVED", (await evse.OcpiJsonAsync()).GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_sender_accepts_only_get()
    {
        await using var emsp = await Host.RegisteredEmspAsync("LS-M1");
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete })
        {
            using var list = await emsp.SendToCpoAsync(method, emsp.CpoLocationsUrl!, "{}");
            Assert.Equal(HttpStatusCode.MethodNotAllowed, list.StatusCode);
            using var item = await emsp.SendToCpoAsync(method, emsp.CpoLocationsUrl + "/LS-00/LS-00-E1", "{}");
            Assert.Equal(HttpStatusCode.MethodNotAllowed, item.StatusCode);
            Assert.Equal(2000, (await item.OcpiJsonAsync()).OcpiStatus());
        }
    }
}
