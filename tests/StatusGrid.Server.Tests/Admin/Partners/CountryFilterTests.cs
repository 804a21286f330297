using System.Net;
using StatusGrid.Server.Tests.OcpiApi;

namespace StatusGrid.Server.Tests.Admin.Partners;

/// <summary>
/// <c>filter.countries</c> is about where a Location is (its ISO 3166 alpha-3 <c>country</c>), not about the party that
/// operates it (<c>country_code</c>): a Dutch CPO with chargers in Belgium and Germany must not leak those to a partner
/// that asked for the Netherlands only.
/// </summary>
public sealed class CountryFilterTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    private static string At(string id, string country) =>
        TestLocations.Json(id).Replace("\"country\":\"NLD\"", $"\"country\":\"{country}\"", StringComparison.Ordinal);

    private async Task PutAsync(string id, string country)
    {
        using var admin = Host.Client();
        using var response = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/locations/{id}", At(id, country));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_partner_filtered_to_NL_gets_neither_Belgian_nor_German_locations_of_a_Dutch_operator()
    {
        await PutAsync("CF-NL", "NLD");
        await PutAsync("CF-BE", "BEL");
        await PutAsync("CF-DE", "DEU");
        await using var dutch = await Host.RegisteredEmspAsync("CF-1", """{"countries":["NL"],"location_ids":["CF-NL","CF-BE","CF-DE"]}""");
        await using var southern = await Host.RegisteredEmspAsync("CF-2", """{"countries":["bel","DEU"],"location_ids":["CF-NL","CF-BE","CF-DE"]}""");

        Assert.Equal(["CF-NL"], (await dutch.PullAllLocationsAsync()).Ids);
        Assert.Equal(["CF-BE", "CF-DE"], (await southern.PullAllLocationsAsync()).Ids);
        using var belgianObject = await dutch.SendToCpoAsync(HttpMethod.Get, dutch.CpoLocationsUrl + "/CF-BE");
        Assert.Equal(HttpStatusCode.NotFound, belgianObject.StatusCode);

        using var ingest = Host.Client(StatusGridHost.IngestKey);
        foreach (var id in new[] { "CF-NL", "CF-BE", "CF-DE" })
        {
            using var response = await ingest.SendJsonAsync(HttpMethod.Post, "/api/status",
                $$"""[{"location_id":"{{id}}","evse_uid":"{{id}}-E1","status":"CHARGING","observed_at":"2026-03-01T08:00:00Z"}]""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await dutch.WaitForAsync(r => r.Method == "PATCH" && r.Path.EndsWith("/CF-NL/CF-NL-E1", StringComparison.Ordinal), "the NL PATCH");
        await southern.WaitForAsync(r => r.Method == "PATCH" && r.Path.EndsWith("/CF-DE/CF-DE-E1", StringComparison.Ordinal), "the DE PATCH");
        await southern.WaitForAsync(r => r.Method == "PATCH" && r.Path.EndsWith("/CF-BE/CF-BE-E1", StringComparison.Ordinal), "the BE PATCH");
        Assert.All(dutch.Received, r => Assert.Contains("/CF-NL", r.Path, StringComparison.Ordinal));
        Assert.DoesNotContain(southern.Received, r => r.Path.Contains("/CF-NL", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"countries":[null]}""", "filter.countries[0]")]
    [InlineData("""{"countries":["NL",null]}""", "filter.countries[1]")]
    [InlineData("""{"countries":["NL","XX"]}""", "filter.countries[1]")]
    [InlineData("""{"location_ids":[null]}""", "filter.location_ids[0]")]
    [InlineData("""{"location_ids":["CF-A",""]}""", "filter.location_ids[1]")]
    public async Task A_null_or_unknown_entry_in_a_filter_list_is_a_400_naming_it_and_nothing_is_stored(string filter, string path)
    {
        using var admin = Host.Client();
        var partner = HttpExtensions.PartnerJson("http://127.0.0.1:9/ocpi/emsp/2.2.1/locations", id: "CF*NUL")
            .TrimEnd().TrimEnd('}') + $$""","enabled":false,"filter":{{filter}}}""";

        using var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", partner);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(path, (await response.JsonAsync()).GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/partners/CF*NUL")).StatusCode);
    }
}
