using System.Net;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>
/// <c>GET /api/admin/charge-points</c> in pages: a host of its own (no other test's stations), so totals are exact.
/// The stations are registered in reverse, so identity order is not registration order.
/// </summary>
public sealed class AdminChargePointListingTests(AdminChargePointListingTests.Fleet fixture) : IClassFixture<AdminChargePointListingTests.Fleet>
{
    private const int Stations = 25;

    private static readonly string[] Identities = [.. Enumerable.Range(0, Stations).Select(n => $"PAGE-{n:D2}")];

    /// <summary>One host with exactly the 25 stations, registered once for the class.</summary>
    public sealed class Fleet : IAsyncLifetime
    {
        public StatusGridHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Host = await StatusGridHost.StartAsync();
            using var admin = Host.Client();
            foreach (var identity in Enumerable.Reverse(Identities))
            {
                using var put = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/charge-points/{identity}", $$"""{"password":"{{OcppFixture.Password}}"}""");
                Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            }
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    [Fact]
    public async Task The_fleet_is_listed_in_pages_in_identity_order_with_the_total_and_a_next_link_until_the_last_page()
    {
        using var admin = fixture.Host.Client();
        var listed = new List<string>();
        var url = "/api/admin/charge-points?limit=10";
        var pages = 0;
        while (url is not null)
        {
            using var response = await admin.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Stations.ToString(), response.Headers.GetValues("X-Total-Count").Single());
            var page = (await response.JsonAsync()).EnumerateArray().Select(c => c.GetProperty("identity").GetString()!).ToList();
            listed.AddRange(page);
            pages++;

            var link = response.Headers.TryGetValues("Link", out var values) ? values.Single() : null;
            if (pages < 3)
            {
                Assert.Equal(10, page.Count);
                Assert.Equal($"<{new Uri(fixture.Host.BaseAddress, $"/api/admin/charge-points?offset={pages * 10}&limit=10")}>; rel=\"next\"", link);
                Assert.True(OcpiLinkHeader.TryParseNext(link, out var next));
                url = next!.PathAndQuery;
            }
            else
            {
                Assert.Equal(5, page.Count);
                Assert.Null(link); // the last page points nowhere
                url = null;
            }
        }

        Assert.Equal(3, pages);
        Assert.Equal(Identities.Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public async Task Without_paging_parameters_the_first_hundred_are_listed()
    {
        using var admin = fixture.Host.Client();

        foreach (var query in new[] { "", "?offset=&limit=" })
        {
            using var response = await admin.GetAsync("/api/admin/charge-points" + query);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Stations, (await response.JsonAsync()).GetArrayLength()); // 25 fit the default page of 100
            Assert.False(response.Headers.Contains("Link"));
        }

        using var offsetOnly = await admin.GetAsync("/api/admin/charge-points?offset=20");
        Assert.Equal(["PAGE-20", "PAGE-21", "PAGE-22", "PAGE-23", "PAGE-24"],
            (await offsetOnly.JsonAsync()).EnumerateArray().Select(c => c.GetProperty("identity").GetString()));
    }

    [Fact]
    public async Task An_offset_past_the_end_is_an_empty_page_with_the_total()
    {
        using var admin = fixture.Host.Client();

        using var response = await admin.GetAsync("/api/admin/charge-points?offset=25&limit=10");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await response.JsonAsync()).GetArrayLength());
        Assert.Equal(Stations.ToString(), response.Headers.GetValues("X-Total-Count").Single());
        Assert.False(response.Headers.Contains("Link"));
    }

    [Theory]
    [InlineData("offset=-1", "offset")]
    [InlineData("offset=abc", "offset")]
    [InlineData("offset=99999999999999999999", "offset")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=1.5", "limit")]
    public async Task Bad_paging_parameters_answer_400_naming_the_parameter(string query, string parameter)
    {
        using var admin = fixture.Host.Client();

        using var response = await admin.GetAsync("/api/admin/charge-points?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.StartsWith(parameter + ": ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(parameter, problem.GetProperty("errors")[0].GetProperty("path").GetString());
    }
}
