using System.Net;

namespace StatusGrid.Server.Tests.Admin.Locations;

/// <summary>
/// A Location id differing only in case names the same Location (ids are CiStrings, the grain key is upper-cased):
/// a PUT of it updates the stored Location, keeping the stored spelling, and never becomes a second Location.
/// </summary>
public sealed class LocationIdCaseTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    [Fact]
    public async Task A_put_of_an_id_differing_only_in_case_updates_the_stored_location()
    {
        using var admin = Host.Client();
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/AD-Case", TestLocations.Json("AD-Case"))).StatusCode);

        var again = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/ad-case",
            TestLocations.Json("AD-Case").Replace("\"id\":\"AD-Case\"", "\"id\":\"ad-case\"", StringComparison.Ordinal)
                .Replace("\"name\":\"Test AD-Case\"", "\"name\":\"Renamed\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var listing = await (await admin.GetAsync("/api/admin/locations?q=AD-CASE")).JsonAsync();
        var item = Assert.Single(listing.GetProperty("items").EnumerateArray());
        Assert.Equal("AD-Case", item.GetProperty("id").GetString());
        Assert.Equal("Renamed", item.GetProperty("name").GetString());
    }
}
