using System.Net;

namespace StatusGrid.Server.Tests.Admin.Locations;

/// <summary>
/// A bulk import meets the CiString rule for Location ids as a PUT does: an id differing only in case from a stored
/// Location updates that Location under its stored spelling, and a file naming one Location twice (in two spellings)
/// is refused whole, naming both, since which of the two documents is meant is ambiguous.
/// </summary>
public sealed class LocationImportIdCaseTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    [Fact]
    public async Task An_import_naming_a_stored_location_in_another_case_updates_it_under_its_stored_spelling()
    {
        using var admin = Host.Client();
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/IMP-Case", TestLocations.Json("IMP-Case"))).StatusCode);
        var renamed = WithId(TestLocations.Json("IMP-Case"), "IMP-Case", "imp-case").Replace("\"name\":\"Test IMP-Case\"", "\"name\":\"Renamed\"", StringComparison.Ordinal);

        var import = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/locations/import", $"[{renamed},{TestLocations.Json("IMP-Other")}]");

        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var result = await import.JsonAsync();
        Assert.Equal(1, result.GetProperty("created").GetInt32());
        Assert.Equal(1, result.GetProperty("updated").GetInt32());
        var listing = await (await admin.GetAsync("/api/admin/locations?q=IMP-CASE")).JsonAsync();
        var item = Assert.Single(listing.GetProperty("items").EnumerateArray());
        Assert.Equal("IMP-Case", item.GetProperty("id").GetString());
        Assert.Equal("Renamed", item.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_import_holding_two_ids_differing_only_in_case_is_refused_naming_both_and_stores_nothing()
    {
        using var admin = Host.Client();
        var body = $"[{TestLocations.Json("IMP-Twin")},{TestLocations.Json("IMP-Solo")},{WithId(TestLocations.Json("IMP-Twin"), "IMP-Twin", "imp-twin")}]";

        var import = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/locations/import", body);

        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode);
        var error = Assert.Single((await import.JsonAsync()).GetProperty("errors").EnumerateArray());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("'IMP-Twin'", message, StringComparison.Ordinal);
        Assert.Contains("'imp-twin'", message, StringComparison.Ordinal);
        Assert.Equal("[2].id", error.GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/locations/IMP-Solo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/locations/IMP-Twin")).StatusCode);
    }

    /// <summary>The same document with its id spelled another way (its EVSE uids as they were).</summary>
    private static string WithId(string json, string from, string to) =>
        json.Replace($"\"id\":\"{from}\"", $"\"id\":\"{to}\"", StringComparison.Ordinal);
}
