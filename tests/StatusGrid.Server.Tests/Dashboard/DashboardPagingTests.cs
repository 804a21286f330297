using System.Net;

namespace StatusGrid.Server.Tests.Dashboard;

/// <summary>The paged public snapshot (kept for scripts and the load driver): client mistakes are 400s, never 500s.</summary>
public sealed class DashboardPagingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("offset=abc")]
    [InlineData("limit=xyz")]
    [InlineData("offset=-1")]
    [InlineData("limit=0")]
    [InlineData("offset=99999999999999999999")]
    public async Task Bad_paging_parameters_answer_400_with_a_message(string query)
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };

        using var response = await http.GetAsync($"/api/dashboard/locations?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(query.StartsWith("limit", StringComparison.Ordinal) ? "limit" : "offset", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?offset=&limit=")]
    public async Task Paging_without_values_starts_at_the_first_page(string query)
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };

        using var response = await http.GetAsync("/api/dashboard/locations" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(0, body.GetProperty("offset").GetInt32());
    }
}
