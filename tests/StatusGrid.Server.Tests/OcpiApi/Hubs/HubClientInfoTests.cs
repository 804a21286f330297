using System.Net;
using StatusGrid.Server.Tests.OcpiApi;

namespace StatusGrid.Server.Tests.OcpiApi.Hubs;

/// <summary>
/// Issue 14, HubClientInfo: the mock eMSP acts as a roaming hub (registered with role HUB), tells us about a party
/// behind it, and receives both our broadcast pushes (OCPI-to = the hub) and our pushes addressed to that party
/// (OCPI-to = the party), which stop while the hub reports the party OFFLINE.
/// </summary>
public sealed class HubClientInfoTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    [Theory]
    [InlineData("2.2.1")]
    [InlineData("2.3.0")]
    public async Task A_hub_puts_client_info_and_gets_our_copy_back(string version)
    {
        var hubId = "HUB-CI-" + version.Replace(".", "", StringComparison.Ordinal);
        await using var hub = await Host.RegisteredHubAsync(hubId, "HCI-1", version);
        Assert.EndsWith($"/ocpi/{version}/hubclientinfo", hub.CpoHubClientInfoUrl, StringComparison.Ordinal);

        using var put = await hub.PutClientInfoAsync("DE", "EMA", "CONNECTED", DateTimeOffset.Parse("2026-11-01T10:00:00Z"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(1000, (await put.OcpiJsonAsync()).OcpiStatus());

        using var get = await hub.GetClientInfoAsync("de", "ema");
        var data = (await get.OcpiJsonAsync()).GetProperty("data");
        Assert.Equal("CONNECTED", data.GetProperty("status").GetString());
        Assert.Equal("EMA", data.GetProperty("party_id").GetString());
        Assert.Equal("EMSP", data.GetProperty("role").GetString());
        Assert.Equal("2026-11-01T10:00:00Z", data.GetProperty("last_updated").GetString());

        // An older ClientInfo does not replace a newer one.
        using var older = await hub.PutClientInfoAsync("DE", "EMA", "SUSPENDED", DateTimeOffset.Parse("2026-10-01T10:00:00Z"));
        Assert.Equal(1000, (await older.OcpiJsonAsync()).OcpiStatus());
        using var still = await hub.GetClientInfoAsync("DE", "EMA");
        Assert.Equal("CONNECTED", (await still.OcpiJsonAsync()).GetProperty("data").GetProperty("status").GetString());

        using var unknown = await hub.GetClientInfoAsync("FR", "XYZ");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(2000, (await unknown.OcpiJsonAsync()).OcpiStatus());

        // The admin view of the hub lists the parties it reported.
        var view = await Host.PartnerAsync(hubId);
        Assert.True(view.GetProperty("is_hub").GetBoolean());
        var party = Assert.Single(view.GetProperty("hub_clients").EnumerateArray());
        Assert.Equal("DE", party.GetProperty("country_code").GetString());
        Assert.Equal("CONNECTED", party.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Invalid_client_info_is_refused_in_the_ocpi_envelope_and_changes_nothing()
    {
        await using var hub = await Host.RegisteredHubAsync("HUB-BAD", "HCI-2");
        var url = hub.ClientInfoUrl("DE", "EMA");

        using var wrongStatus = await hub.SendToCpoAsync(HttpMethod.Put, url,
            """{"country_code":"DE","party_id":"EMA","role":"EMSP","status":"ASLEEP","last_updated":"2026-11-01T10:00:00Z"}""");
        var refused = await wrongStatus.OcpiJsonAsync();
        Assert.Equal(HttpStatusCode.OK, wrongStatus.StatusCode);
        Assert.Equal(2001, refused.OcpiStatus());
        Assert.Contains("status", refused.GetProperty("status_message").GetString(), StringComparison.Ordinal);

        using var missing = await hub.SendToCpoAsync(HttpMethod.Put, url, """{"country_code":"DE","party_id":"EMA","role":"EMSP","status":"OFFLINE"}""");
        var noStamp = await missing.OcpiJsonAsync();
        Assert.Equal(2001, noStamp.OcpiStatus());
        Assert.Contains("last_updated", noStamp.GetProperty("status_message").GetString(), StringComparison.Ordinal);

        using var otherParty = await hub.SendToCpoAsync(HttpMethod.Put, url,
            """{"country_code":"FR","party_id":"ABC","role":"EMSP","status":"OFFLINE","last_updated":"2026-11-01T10:00:00Z"}""");
        Assert.Equal(2001, (await otherParty.OcpiJsonAsync()).OcpiStatus());

        using var notJson = await hub.SendToCpoAsync(HttpMethod.Put, url, "{\"country_code\":");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(2001, (await notJson.OcpiJsonAsync()).OcpiStatus());

        using var delete = await hub.SendToCpoAsync(HttpMethod.Delete, url);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);

        using var get = await hub.GetClientInfoAsync("DE", "EMA");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task A_partner_that_is_not_a_hub_may_not_send_client_info()
    {
        await using var emsp = await Host.RegisteredEmspAsync("NOT-A-HUB", """{"location_ids":["HCI-3"]}""", e => e.Versions = ["2.2.1"]);
        Assert.NotNull(emsp.CpoHubClientInfoUrl);
        using var put = await emsp.PutClientInfoAsync("DE", "EMA", "OFFLINE", DateTimeOffset.Parse("2026-11-01T10:00:00Z"));
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(2000, (await put.OcpiJsonAsync()).OcpiStatus());
    }

    [Fact]
    public async Task Pushes_addressed_through_a_hub_stop_while_the_party_is_offline_and_broadcasts_go_on()
    {
        const string location = "HCI-4";
        await using var hub = await Host.RegisteredHubAsync("HUB-LIFE", location);
        await Host.AddPartyBehindAsync(hub, "HUB-LIFE", location);
        var t0 = DateTimeOffset.Parse("2026-11-02T10:00:00Z");
        using (var connected = await hub.PutClientInfoAsync("DE", "EMA", "CONNECTED", t0))
        {
            Assert.Equal(1000, (await connected.OcpiJsonAsync()).OcpiStatus());
        }

        await Host.PutLocationAsync(location);
        await hub.WaitForAsync(r => r.Method == "PUT" && r.To("NL", "HUB"), "the broadcast Location PUT (OCPI-to = the hub)");
        await hub.WaitForAsync(r => r.Method == "PUT" && r.To("DE", "EMA"), "the Location PUT addressed to DE/EMA");

        await Host.IngestAsync(location, $"{location}-E1", "CHARGING", t0.AddSeconds(1));
        await hub.WaitForAsync(r => r.Method == "PATCH" && r.To("DE", "EMA") && r.Status() == "CHARGING", "the addressed CHARGING PATCH");
        await hub.WaitForAsync(r => r.Method == "PATCH" && r.To("NL", "HUB") && r.Status() == "CHARGING", "the broadcast CHARGING PATCH");

        // OFFLINE: the broadcast still goes, nothing is addressed to the party.
        using (var offline = await hub.PutClientInfoAsync("DE", "EMA", "OFFLINE", t0.AddMinutes(1)))
        {
            Assert.Equal(1000, (await offline.OcpiJsonAsync()).OcpiStatus());
        }

        var party = await Host.PartnerAsync("HUB-LIFE-EMA");
        Assert.Equal("OFFLINE", party.GetProperty("health").GetProperty("hub_party_status").GetString());
        Assert.True(party.GetProperty("health").GetProperty("held_by_hub").GetBoolean());
        var addressedBefore = hub.Received.Count(r => r.To("DE", "EMA"));
        await Host.IngestAsync(location, $"{location}-E1", "BLOCKED", t0.AddSeconds(2));
        await Host.IngestAsync(location, $"{location}-E1", "AVAILABLE", t0.AddSeconds(3));
        await hub.WaitForAsync(r => r.Method == "PATCH" && r.To("NL", "HUB") && r.Status() == "AVAILABLE", "the broadcast AVAILABLE PATCH");
        Assert.Equal(addressedBefore, hub.Received.Count(r => r.To("DE", "EMA")));

        // Back CONNECTED: the party gets the latest state once (it may GET to resync as well), never the BLOCKED between.
        using (var back = await hub.PutClientInfoAsync("DE", "EMA", "CONNECTED", t0.AddMinutes(2)))
        {
            Assert.Equal(1000, (await back.OcpiJsonAsync()).OcpiStatus());
        }

        var resent = await hub.WaitForAsync(r => r.Method == "PATCH" && r.To("DE", "EMA") && r.Status() == "AVAILABLE", "the addressed AVAILABLE PATCH after CONNECTED");
        Assert.Equal(t0.AddSeconds(3), System.Text.Json.JsonDocument.Parse(resent.Body).RootElement.GetProperty("last_updated").GetDateTimeOffset());
        Assert.DoesNotContain(hub.Received, r => r.To("DE", "EMA") && r.Method == "PATCH" && r.Status() == "BLOCKED");
        Assert.False((await Host.PartnerAsync("HUB-LIFE-EMA")).GetProperty("health").GetProperty("held_by_hub").GetBoolean());
        foreach (var push in hub.Received)
        {
            // Every push, broadcast or addressed, comes from us (OCPI-from = the CPO) with the owner in the URL.
            Assert.Equal("NL", push.Headers["OCPI-from-country-code"], ignoreCase: true);
            Assert.StartsWith("NL/SGR/", push.Path, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_partner_can_only_be_reached_through_a_partner_registered_as_a_hub()
    {
        await using var emsp = await Host.RegisteredEmspAsync("PLAIN-EMSP", """{"location_ids":["HCI-5"]}""", e => e.Versions = ["2.2.1"]);
        using var admin = Host.Client();
        using var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", $$"""
            {"id":"BEHIND-PLAIN","ocpi_version":"2.2.1","locations_url":"{{emsp.LocationsUrl()}}","token":"t","country_code":"DE","party_id":"EMA","hub_id":"PLAIN-EMSP"}
            """);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("hub_id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
