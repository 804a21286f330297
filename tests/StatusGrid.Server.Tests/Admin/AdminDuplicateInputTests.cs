using System.Net;

namespace StatusGrid.Server.Tests.Admin;

/// <summary>
/// Admin bodies that name a property twice are ambiguous: each is a 400 naming the property, and nothing is stored.
/// </summary>
public sealed class AdminDuplicateInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    private static string Twice(string json, string property, string first) =>
        json.Replace($"\"{property}\":", $"\"{property}\":{first},\"{property}\":", StringComparison.Ordinal);

    [Fact]
    public async Task A_location_put_naming_a_field_twice_is_400_at_its_path_and_not_stored()
    {
        using var admin = Host.Client();

        var response = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/AD-1", Twice(TestLocations.Json("AD-1", evses: 1), "status", "\"OUTOFORDER\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.JsonAsync()).GetProperty("errors").EnumerateArray());
        Assert.Equal("evses[0].status", error.GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/locations/AD-1")).StatusCode);
    }

    [Fact]
    public async Task An_import_with_a_field_named_twice_imports_nothing()
    {
        using var admin = Host.Client();
        var body = $"[{TestLocations.Json("AD-2")},{Twice(TestLocations.Json("AD-3"), "publish", "false")}]";

        var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/locations/import", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.JsonAsync()).GetProperty("errors").EnumerateArray(), e => e.GetProperty("path").GetString() == "[1].publish");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/locations/AD-2")).StatusCode);
    }

    [Fact]
    public async Task A_partner_body_naming_a_field_twice_is_400()
    {
        using var admin = Host.Client();

        var create = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners",
            Twice(HttpExtensions.PartnerJson("https://emsp.example.com/ocpi/2.2.1/locations", id: "AD*DUP"), "token", "\"other-token\""));
        var delivery = await admin.SendJsonAsync(new HttpMethod("PATCH"), "/api/admin/partners/AD*DUP", """{"delivery_mode":"ordered","delivery_mode":"fast"}""");

        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Contains("token", (await create.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, delivery.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/partners/AD*DUP")).StatusCode);
    }
}
