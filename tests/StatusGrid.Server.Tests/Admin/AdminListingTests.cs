using System.Net;
using StatusGrid.Server.Tests.OcpiApi;

namespace StatusGrid.Server.Tests.Admin;

public sealed class AdminListingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    [Fact]
    public async Task Locations_are_listed_in_pages_and_searched_by_name_and_city()
    {
        using var admin = Host.Client();
        foreach (var (id, name, city) in new[] { ("AL-1", "Centraal Garage", "Utrecht"), ("AL-2", "Harbour 100%", "Rotterdam"), ("AL-3", "Zuid Hub", "Rotterdam") })
        {
            var json = TestLocations.Json(id).Replace($"\"name\":\"Test {id}\"", $"\"name\":\"{name}\"", StringComparison.Ordinal)
                .Replace("\"city\":\"Utrecht\"", $"\"city\":\"{city}\"", StringComparison.Ordinal);
            using var put = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/locations/{id}", json);
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        var rotterdam = await GetJsonAsync(admin, "/api/admin/locations?q=rotterdam&limit=1");
        Assert.Equal(2, rotterdam.GetProperty("total").GetInt32());
        var first = Assert.Single(rotterdam.GetProperty("items").EnumerateArray());
        Assert.Equal("AL-2", first.GetProperty("id").GetString());
        Assert.Equal("NLD", first.GetProperty("country").GetString());
        Assert.Equal(2, first.GetProperty("evses").GetInt32());
        var second = await GetJsonAsync(admin, "/api/admin/locations?q=rotterdam&limit=1&offset=1");
        Assert.Equal("AL-3", second.GetProperty("items")[0].GetProperty("id").GetString());

        // LIKE wildcards in q are literal text.
        var percent = await GetJsonAsync(admin, "/api/admin/locations?q=100%25");
        Assert.Equal(["AL-2"], percent.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        using var bad = await admin.GetAsync("/api/admin/locations?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("limit", (await bad.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/admin/locations?limit=ten", "limit")]
    [InlineData("/api/admin/locations?offset=99999999999999999999", "offset")]
    [InlineData("/api/admin/ocpi/registrations?limit=1.5", "limit")]
    [InlineData("/api/admin/ocpi/registrations?offset=abc", "offset")]
    [InlineData("/api/admin/partners?limit=0", "limit")]
    [InlineData("/api/admin/partners?offset=-1", "offset")]
    public async Task Every_admin_listing_answers_a_paging_value_that_is_not_a_number_with_a_400_naming_it(string url, string parameter)
    {
        using var admin = fixture.Host.Client();

        using var response = await admin.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(parameter + ": ", (await response.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<System.Text.Json.JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Partners_are_listed_in_pages_in_id_order_and_searched_by_id_or_name()
    {
        using var admin = Host.Client();
        foreach (var (id, name) in new[] { ("PL*C", "Charlie Mobility"), ("PL*A", "Alpha Roaming"), ("PL*B", "Bravo eMSP") })
        {
            using var put = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/partners/{id}",
                HttpExtensions.PartnerJson("https://emsp.example.com/locations", id: id).Replace("Test eMSP", name, StringComparison.Ordinal));
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        var first = await GetJsonAsync(admin, "/api/admin/partners?q=pl*&limit=2");
        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(["PL*A", "PL*B"], first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(0, first.GetProperty("unavailable").GetArrayLength());
        var second = await GetJsonAsync(admin, "/api/admin/partners?q=PL*&limit=2&offset=2");
        Assert.Equal(["PL*C"], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal("Charlie Mobility", second.GetProperty("items")[0].GetProperty("name").GetString());

        var byName = await GetJsonAsync(admin, "/api/admin/partners?q=bravo");
        Assert.Equal(["PL*B"], byName.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Registrations_are_listed_with_pending_invitations_and_filtered_by_status()
    {
        await using var emsp = await Host.RegisteredEmspAsync("RL-REGISTERED", """{"location_ids":[]}""");
        using var admin = Host.Client();
        using var invited = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/ocpi/invitations", """{"partner_id":"RL-INVITED","name":"Invited eMSP"}""");
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);

        var all = await (await admin.GetAsync("/api/admin/ocpi/registrations?q=rl-")).JsonAsync();
        Assert.Equal(["RL-INVITED", "RL-REGISTERED"], all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("partner_id").GetString()));
        var pending = await (await admin.GetAsync("/api/admin/ocpi/registrations?q=RL-&status=pending")).JsonAsync();
        Assert.Equal(["RL-INVITED"], pending.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("partner_id").GetString()));
        Assert.DoesNotContain("\"token\"", all.ToString(), StringComparison.Ordinal);

        using var bad = await admin.GetAsync("/api/admin/ocpi/registrations?status=gone");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        // Enum.TryParse read a list as a combination of flags: "pending,registered" listed only the registered ones.
        using var list = await admin.GetAsync("/api/admin/ocpi/registrations?status=pending,registered");
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
    }
}
