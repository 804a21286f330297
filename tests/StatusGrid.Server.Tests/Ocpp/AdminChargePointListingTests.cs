using System.Net;
using System.Text.Json;
using StatusGrid.Server.Http;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>
/// <c>GET /api/admin/charge-points</c> in pages: a host of its own (no other test's stations), so totals are exact.
/// The stations are registered in reverse, so identity order is not registration order.
/// </summary>
public sealed class AdminChargePointListingTests(AdminChargePointListingTests.Fleet fixture) : IClassFixture<AdminChargePointListingTests.Fleet>
{
    private const int Stations = 25;

    private static string[] Identities() => [.. Enumerable.Range(0, Stations).Select(n => $"PAGE-{n:D2}")];

    /// <summary>One host with exactly the 25 stations, registered once for the class.</summary>
    public sealed class Fleet : IAsyncLifetime
    {
        public StatusGridHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Host = await StatusGridHost.StartAsync();
            using var admin = Host.Client();
            foreach (var identity in Enumerable.Reverse(Identities()))
            {
                using var put = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/charge-points/{identity}", $$"""{"password":"{{OcppFixture.Password}}"}""");
                Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            }
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    [Fact]
    public async Task The_fleet_is_listed_in_pages_in_identity_order_with_the_total_like_every_admin_listing()
    {
        using var admin = fixture.Host.Client();
        var listed = new List<string>();
        for (var offset = 0; offset < Stations; offset += 10)
        {
            var page = await PageAsync(admin, $"?offset={offset}&limit=10");
            Assert.Equal(Stations, page.GetProperty("total").GetInt32());
            Assert.Equal(offset, page.GetProperty("offset").GetInt32());
            Assert.Equal(10, page.GetProperty("limit").GetInt32());
            var items = Identities(page);
            Assert.Equal(offset < 20 ? 10 : 5, items.Count);
            listed.AddRange(items);
        }

        Assert.Equal(Identities().Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public async Task Without_paging_parameters_the_first_page_of_the_default_size_is_listed()
    {
        using var admin = fixture.Host.Client();

        foreach (var query in new[] { "", "?offset=&limit=" })
        {
            var page = await PageAsync(admin, query);
            Assert.Equal(AdminPaging.DefaultLimit, page.GetProperty("limit").GetInt32());
            Assert.Equal(Stations, Identities(page).Count); // 25 fit the default page
        }

        Assert.Equal(["PAGE-20", "PAGE-21", "PAGE-22", "PAGE-23", "PAGE-24"], Identities(await PageAsync(admin, "?offset=20")));
    }

    [Fact]
    public async Task An_offset_past_the_end_is_an_empty_page_with_the_total()
    {
        using var admin = fixture.Host.Client();

        var page = await PageAsync(admin, "?offset=25&limit=10");

        Assert.Empty(Identities(page));
        Assert.Equal(Stations, page.GetProperty("total").GetInt32());
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

    private static async Task<JsonElement> PageAsync(HttpClient admin, string query)
    {
        using var response = await admin.GetAsync("/api/admin/charge-points" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static List<string> Identities(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("identity").GetString()!)];
}
