using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StatusGrid.MockEmsp;

namespace StatusGrid.Load.Tests;

/// <summary>The fleet's pull-only eMSP: what StatusGrid reads during the handshake of the pull scenario.</summary>
public sealed class PullerEndpointsTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Versions_and_details_list_a_credentials_endpoint_and_no_locations_receiver()
    {
        await using var fleet = await EmspFleet.StartAsync(new FleetOptions { Partners = 1 });
        var root = $"http://127.0.0.1:{fleet.Partners[0].Port}";

        var versions = await Http.GetFromJsonAsync<JsonElement>(root + PullerEndpoints.VersionsPath);

        Assert.Equal(1000, versions.GetProperty("status_code").GetInt32());
        Assert.False(string.IsNullOrEmpty(versions.GetProperty("timestamp").GetString()));
        var offered = versions.GetProperty("data").EnumerateArray().ToDictionary(v => v.GetProperty("version").GetString()!, v => v.GetProperty("url").GetString()!);
        Assert.Equal(["2.1.1", "2.2.1", "2.3.0"], offered.Keys.Order());
        Assert.Equal($"{root}/ocpi/puller/2.2.1", offered["2.2.1"]);

        var details = await Http.GetFromJsonAsync<JsonElement>(offered["2.2.1"]);
        var endpoints = details.GetProperty("data").GetProperty("endpoints").EnumerateArray().ToList();
        var credentials = Assert.Single(endpoints);
        Assert.Equal("credentials", credentials.GetProperty("identifier").GetString());
        Assert.Equal("SENDER", credentials.GetProperty("role").GetString());
        Assert.DoesNotContain(endpoints, e => e.GetProperty("identifier").GetString() == "locations");

        // 2.1.1 endpoints carry no role.
        var old = await Http.GetFromJsonAsync<JsonElement>(offered["2.1.1"]);
        Assert.False(Assert.Single(old.GetProperty("data").GetProperty("endpoints").EnumerateArray()).TryGetProperty("role", out _));

        using var unknown = await Http.GetAsync($"{root}/ocpi/puller/9.9");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
