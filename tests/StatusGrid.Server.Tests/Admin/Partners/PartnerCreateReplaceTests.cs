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

    [Theory]
    [InlineData("PCR*M1", "7")]
    [InlineData("PCR*M2", "1")]
    [InlineData("PCR*M3", "latest,ordered")]
    [InlineData("PCR*M4", "")]
    public async Task A_delivery_mode_other_than_latest_or_ordered_is_a_400_naming_it_and_nothing_is_stored(string id, string mode)
    {
        using var admin = Host.Client();
        var partner = Partner(id, "Mode").TrimEnd().TrimEnd('}') + $$""","delivery_mode":"{{mode}}"}""";

        using var posted = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", partner);
        using var put = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/partners/{id}", partner);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal("delivery_mode", (await posted.JsonAsync()).GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/partners/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_delivery_mode_is_read_in_any_case()
    {
        using var admin = Host.Client();

        using var created = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/partners/PCR*CASE",
            Partner("PCR*CASE", "Case").TrimEnd().TrimEnd('}') + ""","delivery_mode":"Ordered"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("ordered", (await created.JsonAsync()).GetProperty("delivery_mode").GetString());
    }
}
