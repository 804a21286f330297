using System.Net;
using System.Text.Json;
using StatusGrid.Server.Tests.OcpiApi.Hubs;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.OcpiApi;

/// <summary>
/// A Location switched from <c>publish: true</c> to <c>publish: false</c> must be withdrawn from partners that held
/// it. The hand-off filtered the PUT of the hidden Location away (published_only, the default and forced for 2.1.1),
/// so the partner kept the last PUT with <c>"publish": true</c>, every later PATCH was dropped too, and the hidden site
/// stayed on the eMSP's public map with a frozen status. Found by a code audit; seen failing first (no second PUT).
/// </summary>
public sealed class OcpiUnpublishPushTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string AllowedTo = """[{"uid":"0102030405","type":"RFID"}]""";

    private StatusGridHost Host => fixture.Host;

    private Task PutLocationAsync(string id, string json, string query = "") => Host.PutLocationAsync(id, json, query);

    private Task IngestAsync(string locationId, string evseUid, string status, string observedAt) =>
        Host.IngestAsync(locationId, evseUid, status, DateTimeOffset.Parse(observedAt, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The test Location <paramref name="id"/>, hidden (with <paramref name="allowedTo"/>, if any) or published.</summary>
    private static string Json(string id, bool publish, string? allowedTo = null)
    {
        var json = TestLocations.Json(id);
        return publish ? json : json.Replace("\"publish\":true", "\"publish\":false"
            + (allowedTo is null ? "" : ",\"publish_allowed_to\":" + allowedTo), StringComparison.Ordinal);
    }

    private static JsonElement Body(ReceivedPush push) => JsonDocument.Parse(push.Body).RootElement.Clone();

    private static string LastUpdated(ReceivedPush push) => Body(push).GetProperty("last_updated").GetString()!;

    private static string Status(ReceivedPush push, string evseUid) =>
        Body(push).GetProperty("evses").EnumerateArray().Single(e => e.GetProperty("uid").GetString() == evseUid).GetProperty("status").GetString()!;

    private static bool IsPut(ReceivedPush push, ReceivedPush after) => push.Method == "PUT" && push.ReceivedAt > after.ReceivedAt;

    [Theory]
    [InlineData("2.2.1", null)]
    [InlineData("2.2.1", AllowedTo)]
    [InlineData("2.3.0", AllowedTo)]
    public async Task A_partner_that_held_a_location_gets_it_put_with_publish_false_when_it_is_hidden_and_no_patches_until_it_is_published_again(
        string version, string? allowedTo)
    {
        var id = $"UP-{version.Replace(".", "", StringComparison.Ordinal)}-{(allowedTo is null ? "A" : "B")}";
        await using var emsp = await Host.RegisteredEmspAsync(id, $$"""{"location_ids":["{{id}}"]}""", e => e.Versions = [version]);
        await PutLocationAsync(id, Json(id, publish: true), $"?ocpi_version={version}");
        var first = await emsp.WaitForAsync(r => r.Method == "PUT", "the first Location PUT");
        Assert.True(Body(first).GetProperty("publish").GetBoolean());

        await PutLocationAsync(id, Json(id, publish: false, allowedTo), $"?ocpi_version={version}");

        var withdrawal = await emsp.WaitForAsync(r => IsPut(r, first), "the PUT that withdraws the hidden Location");
        var body = Body(withdrawal);
        Assert.False(body.GetProperty("publish").GetBoolean());
        Assert.Equal(allowedTo is not null, body.TryGetProperty("publish_allowed_to", out var list));
        if (allowedTo is not null)
        {
            Assert.Equal("0102030405", list[0].GetProperty("uid").GetString());
        }

        Assert.True(string.CompareOrdinal(LastUpdated(withdrawal), LastUpdated(first)) > 0, LastUpdated(withdrawal));

        // Hidden: its status changes are not pushed; an edit while hidden is not PUT again either.
        await IngestAsync(id, id + "-E1", "CHARGING", "2026-02-10T08:00:00Z");
        await PutLocationAsync(id, Json(id, publish: false, allowedTo).Replace("Stationsplein 1", "Stationsplein 2", StringComparison.Ordinal),
            $"?ocpi_version={version}");
        await Task.Delay(400);
        Assert.DoesNotContain(emsp.Received, r => r.Method == "PATCH");
        Assert.Equal(2, emsp.Received.Count(r => r.Method == "PUT"));

        // Published again: a full PUT with the live statuses that wins over the withdrawal.
        await PutLocationAsync(id, Json(id, publish: true), $"?ocpi_version={version}");
        var again = await emsp.WaitForAsync(r => IsPut(r, withdrawal), "the PUT of the re-published Location");
        Assert.True(Body(again).GetProperty("publish").GetBoolean());
        Assert.Equal("CHARGING", Status(again, id + "-E1"));
        Assert.True(string.CompareOrdinal(LastUpdated(again), LastUpdated(withdrawal)) > 0, LastUpdated(again));
        emsp.AssertPushesConform();
    }

    [Fact]
    public async Task A_211_partner_that_held_a_location_gets_every_evse_removed_when_it_is_hidden_and_live_statuses_when_published_again()
    {
        const string id = "UP-211";
        await using var emsp = await Host.RegisteredEmspAsync(id, $$"""{"location_ids":["{{id}}"]}""", e => e.Versions = ["2.1.1"]);
        await PutLocationAsync(id, Json(id, publish: true));
        var first = await emsp.WaitForAsync(r => r.Method == "PUT", "the first Location PUT");
        Assert.Equal("AVAILABLE", Status(first, id + "-E1"));

        await PutLocationAsync(id, Json(id, publish: false, AllowedTo));

        var withdrawal = await emsp.WaitForAsync(r => IsPut(r, first), "the PUT that withdraws the hidden Location");
        var body = Body(withdrawal);
        Assert.False(body.TryGetProperty("publish", out _));
        Assert.False(body.TryGetProperty("publish_allowed_to", out _));
        var evses = body.GetProperty("evses").EnumerateArray().ToList();
        Assert.Equal(2, evses.Count);
        Assert.All(evses, e => Assert.Equal("REMOVED", e.GetProperty("status").GetString()));
        Assert.True(string.CompareOrdinal(LastUpdated(withdrawal), LastUpdated(first)) > 0, LastUpdated(withdrawal));
        // Each EVSE keeps the last_updated the partner holds (never older), so the re-publication is never older.
        var firstEvses = Body(first).GetProperty("evses").EnumerateArray().ToDictionary(e => e.GetProperty("uid").GetString()!, e => e.GetProperty("last_updated").GetString());
        Assert.All(evses, e => Assert.True(string.CompareOrdinal(e.GetProperty("last_updated").GetString(), firstEvses[e.GetProperty("uid").GetString()!]) >= 0));

        await IngestAsync(id, id + "-E2", "CHARGING", "2026-02-11T08:00:00Z");
        await Task.Delay(400);
        Assert.DoesNotContain(emsp.Received, r => r.Method == "PATCH");

        await PutLocationAsync(id, Json(id, publish: true));
        var again = await emsp.WaitForAsync(r => IsPut(r, withdrawal), "the PUT of the re-published Location");
        Assert.Equal("AVAILABLE", Status(again, id + "-E1"));
        Assert.Equal("CHARGING", Status(again, id + "-E2"));
        Assert.True(string.CompareOrdinal(LastUpdated(again), LastUpdated(withdrawal)) > 0, LastUpdated(again));
        var withdrawn = evses.ToDictionary(e => e.GetProperty("uid").GetString()!, e => e.GetProperty("last_updated").GetString());
        Assert.All(Body(again).GetProperty("evses").EnumerateArray(),
            e => Assert.True(string.CompareOrdinal(e.GetProperty("last_updated").GetString(), withdrawn[e.GetProperty("uid").GetString()!]) >= 0));
        emsp.AssertPushesConform();
    }

    [Theory]
    [InlineData("2.1.1", "latest")]
    [InlineData("2.2.1", "latest")]
    [InlineData("2.2.1", "ordered")]
    public async Task A_withdrawal_by_a_narrowed_filter_is_newer_than_the_copy_the_partner_holds_and_the_location_widened_back_newer_again(
        string version, string mode)
    {
        // A receiver keeps the newer of two copies by last_updated: a withdrawal stamped as the copy it replaces may be
        // ignored, and the partner keeps showing the Location with a frozen status (and the Location back, the other way).
        var id = $"UP-NARROW-{version.Replace(".", "", StringComparison.Ordinal)}-{mode}".ToUpperInvariant();
        await using var emsp = await Host.RegisteredEmspAsync(id, $$"""{"location_ids":["{{id}}","{{id}}-OTHER"]}""", e => e.Versions = [version]);
        using var admin = Host.Client();
        using (var patched = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/admin/partners/{id}", $$"""{"delivery_mode":"{{mode}}"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        await PutLocationAsync(id, Json(id, publish: true));
        var first = await emsp.WaitForAsync(r => r.Method == "PUT", "the first Location PUT");

        await SetFilterAsync(admin, id, $$"""{"location_ids":["{{id}}-OTHER"]}""");
        var withdrawal = await emsp.WaitForAsync(r => IsPut(r, first), "the PUT that withdraws the Location");
        Assert.True(string.CompareOrdinal(LastUpdated(withdrawal), LastUpdated(first)) > 0, $"withdrawal {LastUpdated(withdrawal)}, held {LastUpdated(first)}");

        await SetFilterAsync(admin, id, $$"""{"location_ids":["{{id}}"]}""");
        var again = await emsp.WaitForAsync(r => IsPut(r, withdrawal), "the PUT of the Location visible again");
        Assert.Equal("AVAILABLE", Status(again, id + "-E1"));
        Assert.True(string.CompareOrdinal(LastUpdated(again), LastUpdated(withdrawal)) > 0, $"again {LastUpdated(again)}, withdrawal {LastUpdated(withdrawal)}");
        emsp.AssertPushesConform();
    }

    private static async Task SetFilterAsync(HttpClient admin, string partnerId, string filterJson)
    {
        using var response = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/ocpi/registrations/{partnerId}/filter", filterJson);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_ordered_partner_gets_the_withdrawal_through_its_queue()
    {
        const string id = "UP-ORD";
        await using var emsp = await Host.RegisteredEmspAsync(id, $$"""{"location_ids":["{{id}}"]}""");
        using (var admin = Host.Client())
        {
            using var patched = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/admin/partners/{id}", """{"delivery_mode":"ordered"}""");
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        await PutLocationAsync(id, Json(id, publish: true));
        var first = await emsp.WaitForAsync(r => r.Method == "PUT", "the first Location PUT");

        await PutLocationAsync(id, Json(id, publish: false));

        var withdrawal = await emsp.WaitForAsync(r => IsPut(r, first), "the PUT that withdraws the hidden Location");
        Assert.False(Body(withdrawal).GetProperty("publish").GetBoolean());
        Assert.True(string.CompareOrdinal(LastUpdated(withdrawal), LastUpdated(first)) > 0, LastUpdated(withdrawal));
        emsp.AssertPushesConform();
    }

    [Fact]
    public async Task A_location_hidden_from_the_start_never_reaches_a_published_only_partner()
    {
        const string id = "UP-NEVER";
        await using var emsp = await Host.RegisteredEmspAsync(id, $$"""{"location_ids":["{{id}}"]}""");
        await PutLocationAsync(id, Json(id, publish: false));
        await PutLocationAsync(id, Json(id, publish: false, AllowedTo));
        await IngestAsync(id, id + "-E1", "CHARGING", "2026-02-12T08:00:00Z");

        await Task.Delay(400);
        Assert.Empty(emsp.Received);
    }
}
