using System.Net;

namespace StatusGrid.Server.Tests.Admin.Partners;

/// <summary>POST creates a partner and never overwrites one; PUT creates or replaces.</summary>
public sealed class PartnerCreateReplaceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    private static string Partner(string id, string name) => $$"""
        {"id":"{{id}}","name":"{{name}}","ocpi_version":"2.2.1","locations_url":"http://127.0.0.1:9/ocpi/emsp/2.2.1/locations",
         "token":"t","country_code":"DE","party_id":"EMS","enabled":false}
        """;

    [Fact]
    public async Task Posting_an_existing_partner_id_again_is_409_and_keeps_the_first_one()
    {
        using var admin = Host.Client();
        using var created = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", Partner("PCR*ONE", "First"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var again = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", Partner("PCR*ONE", "Second"));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("PUT", (await again.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var stored = await admin.GetAsync("/api/admin/partners/PCR*ONE");
        Assert.Equal("First", (await stored.JsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Put_creates_then_replaces()
    {
        using var admin = Host.Client();
        using var created = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/partners/PCR*TWO", Partner("PCR*TWO", "First"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var replaced = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/partners/PCR*TWO", Partner("PCR*TWO", "Second"));

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("Second", (await replaced.JsonAsync()).GetProperty("name").GetString());
    }
}
