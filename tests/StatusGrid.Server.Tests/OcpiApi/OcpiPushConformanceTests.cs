using System.Net;
using System.Text.Json;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.OcpiApi;

/// <summary>
/// Item 5: what registered partners receive. Each test's mock sees only its own Locations (location_ids filter) and
/// checks every push against the handshake (URL, token encoding, routing headers, body, last_updated).
/// </summary>
public sealed class OcpiPushConformanceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    private async Task PutLocationAsync(string id, string? json = null, string query = "")
    {
        using var admin = Host.Client();
        using var response = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/locations/{id}{query}", json ?? TestLocations.Json(id));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task IngestAsync(string locationId, string evseUid, string status, string observedAt)
    {
        using var ingest = Host.Client(StatusGridHost.IngestKey);
        using var response = await ingest.SendJsonAsync(HttpMethod.Post, "/api/status",
            $$"""{"changes":[{"location_id":"{{locationId}}","evse_uid":"{{evseUid}}","status":"{{status}}","observed_at":"{{observedAt}}"}]}""");
        Assert.Equal(1, (await response.JsonAsync()).GetProperty("applied").GetInt32());
    }

    private static JsonElement Body(ReceivedPush push) => JsonDocument.Parse(push.Body).RootElement.Clone();

    /// <summary>
    /// The arrange step most tests share: a registered partner that sees only Location <paramref name="id"/> (so
    /// pushes of other tests never reach it), that Location stored, and its first PUT received by the partner.
    /// </summary>
    private async Task<(MockEmsp Emsp, ReceivedPush FirstPut)> PartnerWithItsLocationAsync(string id, Action<MockEmsp>? configure = null)
    {
        var emsp = await Host.RegisteredEmspAsync(id, $$"""{"location_ids":["{{id}}"]}""", configure);
        try
        {
            await PutLocationAsync(id);
            return (emsp, await emsp.WaitForAsync(r => r.Method == "PUT", "the first Location PUT"));
        }
        catch
        {
            await emsp.DisposeAsync();
            throw;
        }
    }

    /// <summary>The test Location <paramref name="id"/> in Belgium; <paramref name="publish"/> false hides it.</summary>
    private static string BelgianJson(string id, bool publish = true)
    {
        // In Belgium, still published by our party (NL/SGR): partner country filters match `country`.
        var json = TestLocations.Json(id).Replace("\"country\":\"NLD\"", "\"country\":\"BEL\"", StringComparison.Ordinal);
        return publish ? json : json.Replace("\"publish\":true", "\"publish\":false", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_change_is_a_patch_with_last_updated_under_the_agreed_token_and_headers()
    {
        var (emsp, put) = await PartnerWithItsLocationAsync("PC-1");
        await using var registered = emsp;
        Assert.Equal("NL/SGR/PC-1", put.Path);

        await IngestAsync("PC-1", "PC-1-E2", "CHARGING", "2026-02-01T10:00:00.250Z");

        var patch = await emsp.WaitForAsync(r => r.Method == "PATCH", "the EVSE PATCH");
        Assert.Equal("NL/SGR/PC-1/PC-1-E2", patch.Path);
        Assert.Equal("""{"status":"CHARGING","last_updated":"2026-02-01T10:00:00.250Z"}""", patch.Body);
        Assert.Equal(MockEmsp.Header(emsp.TokenItIssued!, "2.2.1"), patch.Headers["Authorization"]);
        emsp.AssertPushesConform();
    }

    [Fact]
    public async Task A_211_partner_gets_211_shaped_puts_raw_tokens_and_patches_with_last_updated()
    {
        var (emsp, put) = await PartnerWithItsLocationAsync("PC-2", e => e.Versions = ["2.1.1"]);
        await using var registered = emsp;
        await IngestAsync("PC-2", "PC-2-E1", "BLOCKED", "2026-02-01T11:00:00Z");
        var patch = await emsp.WaitForAsync(r => r.Method == "PATCH", "the EVSE PATCH");

        Assert.StartsWith("/ocpi/emsp/2.1.1/locations/NL/SGR/PC-2", put.Url, StringComparison.Ordinal);
        var location = Body(put);
        Assert.False(location.TryGetProperty("country_code", out _));
        Assert.Equal("UNKNOWN", location.GetProperty("type").GetString());
        Assert.Equal(400, location.GetProperty("evses")[0].GetProperty("connectors")[0].GetProperty("voltage").GetInt32());
        Assert.Equal("Token " + emsp.TokenItIssued, patch.Headers["Authorization"]);
        Assert.Equal("2026-02-01T11:00:00Z", Body(patch).GetProperty("last_updated").GetString());
        Assert.False(patch.Headers.ContainsKey("OCPI-to-party-id"));
        emsp.AssertPushesConform();
    }

    [Fact]
    public async Task A_new_evse_reaches_the_partner_inside_a_location_put()
    {
        var (emsp, _) = await PartnerWithItsLocationAsync("PC-3");
        await using var registered = emsp;

        using var admin = Host.Client();
        using var added = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/PC-3/PC-3-E9", """
            {"uid":"PC-3-E9","status":"AVAILABLE","connectors":[{"id":"1","standard":"IEC_62196_T2_COMBO","format":"CABLE","power_type":"DC",
             "max_voltage":920,"max_amperage":400,"max_electric_power":300000,"last_updated":"2026-02-03T09:00:00Z"}],"last_updated":"2026-02-03T09:00:00Z"}
            """);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        var put = await emsp.WaitForAsync(r => r.Method == "PUT" && r.Body.Contains("PC-3-E9", StringComparison.Ordinal), "the PUT with the new EVSE");
        var location = Body(put);
        Assert.Equal(3, location.GetProperty("evses").GetArrayLength());
        Assert.Equal("2026-02-03T09:00:00Z", location.GetProperty("last_updated").GetString());
        Assert.DoesNotContain(emsp.Received, r => r.Method == "PATCH" && r.Path.EndsWith("PC-3-E9", StringComparison.Ordinal));
        emsp.AssertPushesConform();
    }

    [Fact]
    public async Task A_connector_change_raises_its_evse_and_location_last_updated()
    {
        var (emsp, _) = await PartnerWithItsLocationAsync("PC-4");
        await using var registered = emsp;

        using var admin = Host.Client();
        using var patched = await admin.SendJsonAsync(HttpMethod.Patch, "/api/admin/locations/PC-4/PC-4-E1/1",
            """{"tariff_ids":["T9"],"last_updated":"2026-02-04T10:00:00Z"}""");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        var put = await emsp.WaitForAsync(r => r.Method == "PUT" && r.Body.Contains("T9", StringComparison.Ordinal), "the PUT with the changed connector");
        var location = Body(put);
        var evse = location.GetProperty("evses").EnumerateArray().Single(e => e.GetProperty("uid").GetString() == "PC-4-E1");
        Assert.Equal("2026-02-04T10:00:00Z", evse.GetProperty("connectors")[0].GetProperty("last_updated").GetString());
        Assert.Equal("2026-02-04T10:00:00Z", evse.GetProperty("last_updated").GetString());
        Assert.Equal("2026-02-04T10:00:00Z", location.GetProperty("last_updated").GetString());

        // The CPO re-sends its document with another connector change but the old timestamps: stamped now, parents too.
        await PutLocationAsync("PC-4", TestLocations.Json("PC-4").Replace("\"max_amperage\":32", "\"max_amperage\":16", StringComparison.Ordinal));
        var again = await emsp.WaitForAsync(r => r.Method == "PUT" && r.Body.Contains("\"max_amperage\":16", StringComparison.Ordinal), "the PUT of the re-sent document");
        var resent = Body(again);
        Assert.True(string.CompareOrdinal(resent.GetProperty("last_updated").GetString(), "2026-02-04T10:00:00Z") > 0, resent.GetProperty("last_updated").GetString());
        emsp.AssertPushesConform();
    }

    [Fact]
    public async Task An_evse_set_to_removed_is_pushed_as_such_and_stays_in_later_puts_and_pulls()
    {
        var (emsp, _) = await PartnerWithItsLocationAsync("PC-5");
        await using var registered = emsp;

        await IngestAsync("PC-5", "PC-5-E2", "REMOVED", "2026-02-05T08:00:00Z");
        var patch = await emsp.WaitForAsync(r => r.Method == "PATCH", "the REMOVED PATCH");
        Assert.Equal("""{"status":"REMOVED","last_updated":"2026-02-05T08:00:00Z"}""", patch.Body);

        // A new document without that EVSE: OCPI never deletes, so it is still sent, as REMOVED.
        await PutLocationAsync("PC-5", TestLocations.Json("PC-5", evses: 1));
        var put = await emsp.WaitForAsync(r => r.Method == "PUT" && r.ReceivedAt > patch.ReceivedAt, "the PUT of the shorter document");
        var evses = Body(put).GetProperty("evses").EnumerateArray().ToList();
        Assert.Equal("REMOVED", evses.Single(e => e.GetProperty("uid").GetString() == "PC-5-E2").GetProperty("status").GetString());

        var pulled = await emsp.PullAllLocationsAsync();
        Assert.Equal("REMOVED", pulled.Locations.Single().GetProperty("evses").EnumerateArray()
            .Single(e => e.GetProperty("uid").GetString() == "PC-5-E2").GetProperty("status").GetString());
        emsp.AssertPushesConform();
    }

    [Theory]
    [InlineData("2.2.1")]
    [InlineData("2.3.0")]
    public async Task A_roaming_hub_is_addressed_in_ocpi_to_while_urls_keep_the_cpo(string version)
    {
        var id = "PC-HUB-" + version.Replace(".", "", StringComparison.Ordinal);
        var (hub, put) = await PartnerWithItsLocationAsync(id, e =>
        {
            e.Versions = [version];
            e.Hub = true;
            e.CountryCode = "NL";
            e.PartyId = "HUB";
        });
        await using var registered = hub;
        await IngestAsync(id, id + "-E1", "CHARGING", "2026-02-06T08:00:00Z");
        var patch = await hub.WaitForAsync(r => r.Method == "PATCH", "the EVSE PATCH");

        Assert.Equal($"NL/SGR/{id}", put.Path);
        foreach (var push in new[] { put, patch })
        {
            Assert.Equal("NL", push.Headers["OCPI-to-country-code"]);
            Assert.Equal("HUB", push.Headers["OCPI-to-party-id"]);
            Assert.Equal("SGR", push.Headers["OCPI-from-party-id"]);
        }

        hub.AssertPushesConform();
    }

    [Fact]
    public async Task Partner_filters_are_honoured_in_pushes()
    {
        await using var belgian = await Host.RegisteredEmspAsync("PC-7", """{"countries":["BE"],"location_ids":["PC-7-NL","PC-7-BE","PC-7-HIDDEN"]}""");
        await PutLocationAsync("PC-7-NL");
        await PutLocationAsync("PC-7-BE", BelgianJson("PC-7-BE"));
        await PutLocationAsync("PC-7-HIDDEN", BelgianJson("PC-7-HIDDEN", publish: false));
        await IngestAsync("PC-7-NL", "PC-7-NL-E1", "CHARGING", "2026-02-07T08:00:00Z");
        await IngestAsync("PC-7-BE", "PC-7-BE-E1", "CHARGING", "2026-02-07T08:00:00Z");
        await IngestAsync("PC-7-HIDDEN", "PC-7-HIDDEN-E1", "CHARGING", "2026-02-07T08:00:00Z");

        await belgian.WaitForAsync(r => r.Method == "PATCH" && r.Path == "NL/SGR/PC-7-BE/PC-7-BE-E1", "the BE PATCH");
        await Task.Delay(300);
        Assert.All(belgian.Received, r => Assert.Contains("PC-7-BE/", r.Path + "/", StringComparison.Ordinal));
        Assert.Equal(["PC-7-BE"], (await belgian.PullAllLocationsAsync()).Ids);
    }

    [Fact]
    public async Task A_221_partner_gets_no_230_only_fields_and_a_230_partner_gets_them()
    {
        await using var older = await Host.RegisteredEmspAsync("PC-8-221", """{"location_ids":["PC-8"]}""");
        await using var newer = await Host.RegisteredEmspAsync("PC-8-230", """{"location_ids":["PC-8"]}""", e => e.Versions = ["2.3.0"]);
        var json = TestLocations.Json("PC-8").Replace("\"time_zone\"", "\"help_phone\":\"+31301234567\",\"time_zone\"", StringComparison.Ordinal);
        await PutLocationAsync("PC-8", json, "?ocpi_version=2.3.0");

        var put221 = await older.WaitForAsync(r => r.Method == "PUT", "the 2.2.1 PUT");
        var put230 = await newer.WaitForAsync(r => r.Method == "PUT", "the 2.3.0 PUT");

        Assert.False(Body(put221).TryGetProperty("help_phone", out _));
        Assert.Equal("+31301234567", Body(put230).GetProperty("help_phone").GetString());
        older.AssertPushesConform();
        newer.AssertPushesConform();
    }

    /// <summary>
    /// A 2.2.1 receiver cannot hold an EVSE whose every connector is of a 2.3.0-only type (MCS): the PUT carries it
    /// REMOVED (left out, a partner that held it kept its last status). It must then get no PATCH of it either: that
    /// would bring it back (where it never was, each one was answered 404 and brought one more Location PUT, for every
    /// status change). Found by an audit of what StatusGrid sends; seen failing first (the PATCH went).
    /// </summary>
    [Fact]
    public async Task A_221_partner_gets_no_patch_of_an_evse_its_version_cannot_represent()
    {
        await using var older = await Host.RegisteredEmspAsync("PC-9-221", """{"location_ids":["PC-9"]}""");
        // The second EVSE's only connector becomes a Megawatt Charging System (2.3.0 only).
        var node = System.Text.Json.Nodes.JsonNode.Parse(TestLocations.Json("PC-9"))!;
        var mcs = node["evses"]![1]!["connectors"]![0]!;
        mcs["standard"] = "MCS";
        mcs["format"] = "CABLE";
        mcs["power_type"] = "DC";
        mcs["max_voltage"] = 1250;
        mcs["max_amperage"] = 3000;
        await PutLocationAsync("PC-9", node.ToJsonString(), "?ocpi_version=2.3.0");
        var put = await older.WaitForAsync(r => r.Method == "PUT", "the 2.2.1 PUT");
        var evses = Body(put).GetProperty("evses").EnumerateArray().ToList();
        Assert.Equal(["PC-9-E1", "PC-9-E2"], evses.Select(e => e.GetProperty("uid").GetString()));
        Assert.Equal("REMOVED", evses[1].GetProperty("status").GetString());

        await IngestAsync("PC-9", "PC-9-E2", "CHARGING", "2026-02-09T08:00:00Z");
        await IngestAsync("PC-9", "PC-9-E1", "CHARGING", "2026-02-09T08:00:01Z");

        await older.WaitForAsync(r => r.Method == "PATCH" && r.Path.EndsWith("/PC-9-E1", StringComparison.Ordinal), "the representable EVSE's PATCH");
        await Task.Delay(300);
        Assert.DoesNotContain(older.Received, r => r.Path.EndsWith("/PC-9-E2", StringComparison.Ordinal));
        Assert.Single(older.Received, r => r.Method == "PUT");
        older.AssertPushesConform();
    }
}
