using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>
/// Real OCPP-J clients (npm ocpp-rpc, strict mode: it checks our answers against the official OCPP schemas) as 1.6
/// and 2.0.1 charge points against the real host, with a mock eMSP and a SignalR client watching.
/// </summary>
[Collection(OcppCollection.Name)]
public sealed class OcppChargePointTests(OcppFixture fixture)
{
    private const string Boot16 = """{"chargePointVendor":"StatusGrid","chargePointModel":"Test-16","firmwareVersion":"1.0.0"}""";
    private const string Boot201 = """{"reason":"PowerUp","chargingStation":{"vendorName":"StatusGrid","model":"Test-201","serialNumber":"SN-1"}}""";

    [Fact]
    public async Task A_16_charge_point_boots_and_its_status_reaches_the_partner_as_patch_and_a_signalr_client()
    {
        await fixture.RegisterAsync("CP16-A", "OCPP-A", connectors: """[{"connector_id":1,"location_id":"OCPP-A","evse_uid":"OCPP-A-E1"},{"connector_id":2,"location_id":"OCPP-A","evse_uid":"OCPP-A-E2"}]""");
        var received = Channel.CreateUnbounded<JsonElement>();
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(fixture.Host.BaseAddress, "/hubs/status")).Build();
        hub.On<JsonElement>("statusChanged", items =>
        {
            foreach (var item in items.EnumerateArray())
            {
                received.Writer.TryWrite(item);
            }
        });
        await hub.StartAsync();
        // The hub sends each client what its map shows: watch Utrecht, where the test locations are.
        await hub.InvokeAsync<JsonElement>("Watch", 5.0, 52.0, 5.25, 52.15, 13);
        await using var cp = OcppNodeClient.Start();

        var connected = await cp.ConnectAsync(fixture.Host.BaseAddress, "CP16-A", OcppFixture.Password, "ocpp1.6");
        Assert.True(connected.GetProperty("ok").GetBoolean(), connected.ToString());
        Assert.Equal("ocpp1.6", connected.GetProperty("protocol").GetString());

        var boot = await cp.CallAsync("BootNotification", Boot16);
        Assert.True(boot.GetProperty("ok").GetBoolean(), boot.ToString());
        Assert.Equal("Accepted", boot.GetProperty("result").GetProperty("status").GetString());
        Assert.Equal(2, boot.GetProperty("result").GetProperty("interval").GetInt32());
        var heartbeat = await cp.CallAsync("Heartbeat", "{}");
        Assert.True(heartbeat.GetProperty("result").TryGetProperty("currentTime", out _), heartbeat.ToString());

        var status = await cp.CallAsync("StatusNotification",
            """{"connectorId":2,"errorCode":"NoError","status":"SuspendedEV","timestamp":"2026-03-01T10:00:00.250Z"}""");
        Assert.True(status.GetProperty("ok").GetBoolean(), status.ToString());

        var patch = await fixture.WaitForPatchAsync("OCPP-A", "OCPP-A-E2", "CHARGING");
        Assert.Equal("""{"status":"CHARGING","last_updated":"2026-03-01T10:00:00.250Z"}""", patch.Body);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        JsonElement message;
        do
        {
            message = await received.Reader.ReadAsync(timeout.Token);
        }
        while (message.GetProperty("evse_uid").GetString() != "OCPP-A-E2" || message.GetProperty("status").GetString() != "CHARGING");

        // The CALLRESULT came after the change was durable: the admin view already holds it.
        using var admin = fixture.Host.Client();
        var view = await (await admin.GetAsync("/api/admin/charge-points/CP16-A")).JsonAsync();
        Assert.Equal("ocpp1.6", view.GetProperty("protocol").GetString());
        Assert.Equal("Test-16", view.GetProperty("boot").GetProperty("model").GetString());
        Assert.Contains(view.GetProperty("connector_statuses").EnumerateArray(), c => c.GetProperty("status").GetString() == "SuspendedEV");
        Assert.False(view.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task A_201_charge_point_reports_connector_status_and_a_stale_report_changes_nothing()
    {
        await fixture.RegisterAsync("CP201-B", "OCPP-B", evses: """[{"evse_id":1,"location_id":"OCPP-B","evse_uid":"OCPP-B-E1"}]""", evseCount: 1);
        await using var cp = OcppNodeClient.Start();
        var connected = await cp.ConnectAsync(fixture.Host.BaseAddress, "CP201-B", OcppFixture.Password, "ocpp2.0.1");
        Assert.Equal("ocpp2.0.1", connected.GetProperty("protocol").GetString());
        Assert.True((await cp.CallAsync("BootNotification", Boot201)).GetProperty("ok").GetBoolean());

        var status = await cp.CallAsync("StatusNotification",
            """{"timestamp":"2026-03-01T11:00:00Z","connectorStatus":"Occupied","evseId":1,"connectorId":1}""");
        Assert.True(status.GetProperty("ok").GetBoolean(), status.ToString());
        await fixture.WaitForPatchAsync("OCPP-B", "OCPP-B-E1", "CHARGING");

        var stale = await cp.CallAsync("StatusNotification",
            """{"timestamp":"2026-03-01T10:59:00Z","connectorStatus":"Faulted","evseId":1,"connectorId":1}""");
        Assert.True(stale.GetProperty("ok").GetBoolean(), stale.ToString());
        var reserved = await cp.CallAsync("StatusNotification",
            """{"timestamp":"2026-03-01T11:01:00Z","connectorStatus":"Reserved","evseId":1,"connectorId":1}""");
        Assert.True(reserved.GetProperty("ok").GetBoolean(), reserved.ToString());
        await fixture.WaitForPatchAsync("OCPP-B", "OCPP-B-E1", "RESERVED");
        Assert.DoesNotContain(fixture.Emsp.Received, r => r.Path.EndsWith("/OCPP-B/OCPP-B-E1", StringComparison.Ordinal) && r.Body.Contains("OUTOFORDER", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_201_status_whose_evse_id_is_written_1_0_is_stored_and_answered_with_an_empty_result()
    {
        await fixture.RegisterAsync("CP201-F", "OCPP-F", evses: """[{"evse_id":1,"location_id":"OCPP-F","evse_uid":"OCPP-F-E1"}]""", evseCount: 1);
        await using var cp = OcppNodeClient.Start();
        await cp.ConnectAsync(fixture.Host.BaseAddress, "CP201-F", OcppFixture.Password, "ocpp2.0.1", strict: false);
        Assert.True((await cp.CallAsync("BootNotification", Boot201)).GetProperty("ok").GetBoolean());

        // ocpp-rpc's JSON.stringify writes 1.0 as 1: only a raw frame keeps the fraction.
        var answer = await cp.RawAsync(
            """[2,"f1","StatusNotification",{"timestamp":"2026-03-01T12:00:00Z","connectorStatus":"Occupied","evseId":1.0,"connectorId":1e0}]""");

        Assert.Equal("""[3,"f1",{}]""", answer.GetProperty("reply").GetString());
        await fixture.WaitForPatchAsync("OCPP-F", "OCPP-F-E1", "CHARGING");
    }

    [Fact]
    public async Task A_station_that_sets_its_fast_clock_right_is_not_ignored_afterwards()
    {
        await fixture.RegisterAsync("CP16-K", "OCPP-K", connectors: """[{"connector_id":1,"location_id":"OCPP-K","evse_uid":"OCPP-K-E1"}]""", evseCount: 1);
        await using var cp = await fixture.Booted16Async("CP16-K");
        var fast = DateTimeOffset.UtcNow.AddMinutes(4).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        await cp.CallAsync("StatusNotification", $$"""{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"{{fast}}"}""");
        await fixture.WaitForPatchAsync("OCPP-K", "OCPP-K-E1", "CHARGING");

        // Its clock now set from our answers: the session ends a minute later, truly.
        await Task.Delay(50);
        var right = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        await cp.CallAsync("StatusNotification", $$"""{"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"{{right}}"}""");

        await fixture.WaitForPatchAsync("OCPP-K", "OCPP-K-E1", "AVAILABLE");
    }

    [Fact]
    public async Task A_wrong_password_or_an_unknown_identity_is_refused_with_401_before_the_upgrade()
    {
        await fixture.RegisterAsync("CP16-C", "OCPP-C", connectors: """[{"connector_id":1,"location_id":"OCPP-C","evse_uid":"OCPP-C-E1"}]""", evseCount: 1);
        await using var cp = OcppNodeClient.Start();

        var wrong = await cp.ConnectAsync(fixture.Host.BaseAddress, "CP16-C", "not-the-right-password", "ocpp1.6");
        var unknown = await cp.ConnectAsync(fixture.Host.BaseAddress, "CP16-NOBODY", OcppFixture.Password, "ocpp1.6");
        var right = await cp.ConnectAsync(fixture.Host.BaseAddress, "CP16-C", OcppFixture.Password, "ocpp1.6");

        Assert.Equal((false, 401), (wrong.GetProperty("ok").GetBoolean(), wrong.GetProperty("status").GetInt32()));
        Assert.Equal((false, 401), (unknown.GetProperty("ok").GetBoolean(), unknown.GetProperty("status").GetInt32()));
        Assert.True(right.GetProperty("ok").GetBoolean(), right.ToString());
    }

    [Fact]
    public async Task A_subprotocol_other_than_16_or_201_or_none_is_refused_with_400_before_the_upgrade()
    {
        await fixture.RegisterAsync("CP-D", "OCPP-D", connectors: """[{"connector_id":1,"location_id":"OCPP-D","evse_uid":"OCPP-D-E1"}]""", evseCount: 1);
        await using var cp = OcppNodeClient.Start();

        var newer = await cp.ConnectAsync(fixture.Host.BaseAddress, "CP-D", OcppFixture.Password, ["ocpp2.1"], strict: false);
        var none = await cp.ConnectAsync(fixture.Host.BaseAddress, "CP-D", OcppFixture.Password, [], strict: false);

        // Refused by an HTTP status, so the station never has an open socket that then closes.
        Assert.Equal((false, 400), (newer.GetProperty("ok").GetBoolean(), newer.GetProperty("status").GetInt32()));
        Assert.Equal((false, 400), (none.GetProperty("ok").GetBoolean(), none.GetProperty("status").GetInt32()));

        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        using var upgrade = new HttpRequestMessage(HttpMethod.Get, "/ocpp/CP-D");
        upgrade.Headers.Connection.Add("Upgrade");
        upgrade.Headers.Upgrade.Add(new System.Net.Http.Headers.ProductHeaderValue("websocket"));
        upgrade.Headers.Add("Sec-WebSocket-Version", "13");
        upgrade.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(new byte[16]));
        upgrade.Headers.Add("Sec-WebSocket-Protocol", "ocpp1.5, ocpp2.1");
        upgrade.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("CP-D:" + OcppFixture.Password)));
        using var refused = await http.SendAsync(upgrade);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Sec-WebSocket-Protocol"));
        var problem = await refused.JsonAsync();
        Assert.Contains("ocpp1.6", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("ocpp2.0.1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The same station offering a protocol we speak among others is accepted with that one.
        var right = await cp.ConnectAsync(fixture.Host.BaseAddress, "CP-D", OcppFixture.Password, ["ocpp2.1", "ocpp1.6"], strict: false);
        Assert.True(right.GetProperty("ok").GetBoolean(), right.ToString());
        Assert.Equal("ocpp1.6", right.GetProperty("protocol").GetString());
    }

    [Fact]
    public async Task A_station_that_has_not_booted_gets_security_error_and_unhandled_actions_get_not_supported_or_not_implemented()
    {
        await fixture.RegisterAsync("CP16-E", "OCPP-E", connectors: """[{"connector_id":1,"location_id":"OCPP-E","evse_uid":"OCPP-E-E1"}]""", evseCount: 1);
        await using var cp = OcppNodeClient.Start();
        await cp.ConnectAsync(fixture.Host.BaseAddress, "CP16-E", OcppFixture.Password, "ocpp1.6", strict: false);

        var early = await cp.CallAsync("Heartbeat", "{}");
        Assert.Equal("SecurityError", early.GetProperty("code").GetString());
        await cp.CallAsync("BootNotification", Boot16);
        var start = await cp.CallAsync("StartTransaction", """{"connectorId":1,"idTag":"X","meterStart":0,"timestamp":"2026-03-01T10:00:00Z"}""");
        Assert.Equal("NotSupported", start.GetProperty("code").GetString());
        var invented = await cp.CallAsync("MakeCoffee", "{}");
        Assert.Equal("NotImplemented", invented.GetProperty("code").GetString());
    }
}
