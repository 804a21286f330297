using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StatusGrid.Contracts.ChargePoints;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>
/// A station heard from again after it was declared offline is asked for its status (TriggerMessage). OCPP 1.6 §4.9
/// lets a station that did not change status while offline stay quiet, so its EVSEs stayed UNKNOWN for every partner
/// and the map until its next change. Found reading the OCPP digest against our offline rule; each case that expects
/// a TriggerMessage failed first (no CALL came). The station runs ocpp-rpc in strict mode, so every TriggerMessage we
/// send is checked against the official schema of the negotiated version.
/// </summary>
[Collection(OcppCollection.Name)]
public sealed class OcppStatusTriggerTests(OcppFixture fixture)
{
    private const string Trigger = "TriggerMessage";

    [Fact]
    public async Task A_16_station_back_from_offline_is_asked_for_every_connector_and_its_answer_ends_the_unknown()
    {
        await fixture.RegisterAsync("CP16-TR", "OCPP-TR", connectors: """[{"connector_id":1,"location_id":"OCPP-TR","evse_uid":"OCPP-TR-E1"}]""", evseCount: 1);
        await using var cp = await fixture.Booted16Async("CP16-TR");
        await cp.AnswerAsync(Trigger, """{"status":"Accepted"}""");
        await cp.CallAsync("StatusNotification", $$"""{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"{{Now()}}"}""");
        await fixture.WaitForPatchAsync("OCPP-TR", "OCPP-TR-E1", "CHARGING");
        await fixture.WaitForPatchAsync("OCPP-TR", "OCPP-TR-E1", "UNKNOWN");

        Assert.True((await cp.CallAsync("Heartbeat", "{}")).GetProperty("ok").GetBoolean());

        var calls = await cp.CallsAsync(Trigger, 1);
        Assert.True(calls.GetProperty("ok").GetBoolean(), "no TriggerMessage after the station came back: " + calls);
        var trigger = Assert.Single(calls.GetProperty("calls").EnumerateArray());
        Assert.Equal("StatusNotification", trigger.GetProperty("requestedMessage").GetString());
        Assert.False(trigger.TryGetProperty("connectorId", out _), "1.6: no connectorId asks for the station and every connector");

        // What a station does when triggered: it reports, and the EVSE leaves UNKNOWN.
        await cp.CallAsync("StatusNotification", $$"""{"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"{{Now()}}"}""");
        await fixture.WaitForPatchAsync("OCPP-TR", "OCPP-TR-E1", "AVAILABLE");
    }

    [Fact]
    public async Task A_201_station_back_from_offline_is_asked_per_connector_it_reported_and_per_evse_it_did_not()
    {
        await fixture.RegisterAsync("CP201-TR", "OCPP-TU", evses: """[{"evse_id":1,"location_id":"OCPP-TU","evse_uid":"OCPP-TU-E1"},{"evse_id":2,"location_id":"OCPP-TU","evse_uid":"OCPP-TU-E2"}]""");
        await using var cp = await fixture.Booted201Async("CP201-TR");
        await cp.AnswerAsync(Trigger, """{"status":"Accepted"}""");
        await cp.CallAsync("StatusNotification", $$"""{"timestamp":"{{Now()}}","connectorStatus":"Occupied","evseId":1,"connectorId":1}""");
        await fixture.WaitForPatchAsync("OCPP-TU", "OCPP-TU-E1", "UNKNOWN");

        Assert.True((await cp.CallAsync("Heartbeat", "{}")).GetProperty("ok").GetBoolean());

        var calls = await cp.CallsAsync(Trigger, 2);
        Assert.True(calls.GetProperty("ok").GetBoolean(), "expected two TriggerMessages: " + calls);
        Assert.Equal(
            ["StatusNotification 1/1", "StatusNotification 2/-"],
            calls.GetProperty("calls").EnumerateArray().Select(Describe201).ToArray());
    }

    [Fact]
    public async Task A_station_that_does_not_take_trigger_message_is_asked_once_and_stays_connected()
    {
        await fixture.RegisterAsync("CP16-TN", "OCPP-TN", connectors: """[{"connector_id":1,"location_id":"OCPP-TN","evse_uid":"OCPP-TN-E1"}]""", evseCount: 1);
        await using var cp = await fixture.Booted16Async("CP16-TN");
        await cp.AnswerAsync(Trigger, result: null); // answered with a CALLERROR NotImplemented
        await cp.CallAsync("StatusNotification", $$"""{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"{{Now()}}"}""");
        await fixture.WaitForPatchAsync("OCPP-TN", "OCPP-TN-E1", "UNKNOWN");

        Assert.True((await cp.CallAsync("Heartbeat", "{}")).GetProperty("ok").GetBoolean());
        Assert.True((await cp.CallsAsync(Trigger, 1)).GetProperty("ok").GetBoolean());

        // The refusal closes nothing: the station goes on reporting, and is not asked again on this connection.
        await cp.CallAsync("StatusNotification", $$"""{"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"{{Now()}}"}""");
        await fixture.WaitForPatchAsync("OCPP-TN", "OCPP-TN-E1", "AVAILABLE");
        Assert.True((await cp.CallAsync("Heartbeat", "{}")).GetProperty("ok").GetBoolean());
        Assert.Equal(1, (await cp.CallsAsync(Trigger, 2, timeoutMs: 1000)).GetProperty("calls").GetArrayLength());
    }

    [Fact]
    public async Task A_station_that_reconnects_after_offline_and_sends_nothing_is_asked_all_the_same()
    {
        await fixture.RegisterAsync("CP16-TQ", "OCPP-TQ", connectors: """[{"connector_id":1,"location_id":"OCPP-TQ","evse_uid":"OCPP-TQ-E1"}]""", evseCount: 1);
        await using (var before = await fixture.Booted16Async("CP16-TQ"))
        {
            await before.CallAsync("StatusNotification", $$"""{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"{{Now()}}"}""");
            await fixture.WaitForPatchAsync("OCPP-TQ", "OCPP-TQ-E1", "UNKNOWN");
        }

        // It may send only WebSocket pings until its next Heartbeat, minutes away.
        await using var cp = OcppNodeClient.Start();
        await cp.ConnectAsync(fixture.Host.BaseAddress, "CP16-TQ", OcppFixture.Password, "ocpp1.6");
        await cp.AnswerAsync(Trigger, """{"status":"Accepted"}""");

        var calls = await cp.CallsAsync(Trigger, 1, timeoutMs: 15000);
        Assert.True(calls.GetProperty("ok").GetBoolean(), "no TriggerMessage to a silent reconnected station: " + calls);
    }

    [Fact]
    public async Task A_station_that_boots_when_it_comes_back_is_not_asked_because_it_reports_after_booting()
    {
        await fixture.RegisterAsync("CP16-TB", "OCPP-TB", connectors: """[{"connector_id":1,"location_id":"OCPP-TB","evse_uid":"OCPP-TB-E1"}]""", evseCount: 1);
        await using (var before = await fixture.Booted16Async("CP16-TB"))
        {
            await before.CallAsync("StatusNotification", $$"""{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"{{Now()}}"}""");
            await fixture.WaitForPatchAsync("OCPP-TB", "OCPP-TB-E1", "UNKNOWN");
        }

        await using var cp = OcppNodeClient.Start();
        await cp.ConnectAsync(fixture.Host.BaseAddress, "CP16-TB", OcppFixture.Password, "ocpp1.6");
        await cp.AnswerAsync(Trigger, """{"status":"Accepted"}""");
        await cp.CallAsync("BootNotification", """{"chargePointVendor":"V","chargePointModel":"M"}""");
        Assert.True((await cp.CallAsync("Heartbeat", "{}")).GetProperty("ok").GetBoolean());

        // Longer than the 5 s a reconnected station has to boot before it is asked anyway.
        Assert.Equal(0, (await cp.CallsAsync(Trigger, 1, timeoutMs: 7000)).GetProperty("calls").GetArrayLength());
    }

    /// <summary>
    /// A station that drops and comes back within <c>OfflineAfterDisconnect</c> was never declared offline, so it was
    /// never asked: a 1.6 station does not reliably queue the StatusNotifications of changes made while its socket
    /// was down, and its EVSEs kept the status from before the drop until its next change.
    /// </summary>
    [Fact]
    public async Task A_booted_station_that_reconnects_before_it_is_declared_offline_is_asked_once()
    {
        await ChargedAndLeftAsync("CP16-TK", "OCPP-TK");

        // Back at once, well within the 30-s OfflineAfterDisconnect: the car left while the socket was down.
        await using var cp = await ReconnectAsync("CP16-TK", """{"status":"Accepted"}""");
        Assert.True((await cp.CallAsync("Heartbeat", "{}")).GetProperty("ok").GetBoolean());

        var calls = await cp.CallsAsync(Trigger, 1);
        Assert.True(calls.GetProperty("ok").GetBoolean(), "no TriggerMessage after a quick reconnect: " + calls);
        await cp.CallAsync("StatusNotification", $$"""{"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"{{Now()}}"}""");
        await fixture.WaitForPatchAsync("OCPP-TK", "OCPP-TK-E1", "AVAILABLE");

        // Once per reconnect: later frames on the same connection ask nothing more.
        Assert.True((await cp.CallAsync("Heartbeat", "{}")).GetProperty("ok").GetBoolean());
        Assert.Equal(1, (await cp.CallsAsync(Trigger, 2, timeoutMs: 6000)).GetProperty("calls").GetArrayLength());
        Assert.DoesNotContain(fixture.Emsp.Received, r => r.Method == "PATCH" && r.Path.EndsWith("/OCPP-TK/OCPP-TK-E1", StringComparison.Ordinal)
            && r.Body.Contains("\"UNKNOWN\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// Every station of a reconnect storm reports on its own as it comes back; asking each one anyway doubled the
    /// storm's CALLs (10,000 TriggerMessages in the OCPP fleet's run, 2.7 s longer). Failed first: one CALL came.
    /// </summary>
    [Fact]
    public async Task A_station_that_reports_every_connector_after_it_reconnects_is_not_asked()
    {
        await ChargedAndLeftAsync("CP16-TS", "OCPP-TS");
        await using var cp = await ReconnectAsync("CP16-TS", """{"status":"Accepted"}""");
        await cp.CallAsync("StatusNotification", $$"""{"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"{{Now()}}"}""");
        await fixture.WaitForPatchAsync("OCPP-TS", "OCPP-TS-E1", "AVAILABLE");

        // Longer than the 5 s boot wait after which a station is asked for what it has not reported.
        Assert.Equal(0, (await cp.CallsAsync(Trigger, 1, timeoutMs: 7000)).GetProperty("calls").GetArrayLength());
    }

    /// <summary>
    /// A report a station queued while it was away says what was, not what is: a 1.6 station may have dropped the
    /// ones after it (why it is asked at all). Only a report observed since it came back spares the asking. Failed
    /// first: no CALL came.
    /// </summary>
    [Fact]
    public async Task A_station_that_sends_only_a_report_queued_while_it_was_away_is_asked_all_the_same()
    {
        await ChargedAndLeftAsync("CP16-TW", "OCPP-TW");
        var away = DateTimeOffset.UtcNow;
        await Task.Delay(1100); // a second later: a report stamped in the second the station came back is current

        await using var cp = await ReconnectAsync("CP16-TW", """{"status":"Accepted"}""");
        await cp.CallAsync("StatusNotification", $$"""{"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"{{At(away)}}"}""");
        await fixture.WaitForPatchAsync("OCPP-TW", "OCPP-TW-E1", "AVAILABLE"); // applied: it is newer than what we held

        var calls = await cp.CallsAsync(Trigger, 1);
        Assert.True(calls.GetProperty("ok").GetBoolean(), "no TriggerMessage after a queued report alone: " + calls);
    }

    /// <summary>
    /// The station speaks as soon as its socket is open, before its grain hears of the connection (at once when idle,
    /// seconds later in a reconnect storm). Its report is current if observed after the socket opened. Failed first
    /// in the OCPP fleet's storm: 591 of 10,000 stations were asked, their reports taken as queued ones because they
    /// were stamped before the grain's own clock at Connect; here the grain asked.
    /// </summary>
    [Fact]
    public async Task A_report_stamped_after_the_socket_opened_but_before_the_grain_heard_of_it_spares_the_asking()
    {
        await ChargedAndLeftAsync("CP16-TO", "OCPP-TO");
        var grains = fixture.Host.Services.GetRequiredService<IGrainFactory>();
        var grain = grains.GetGrain<IChargePointGrain>(ChargePointKey.For("CP16-TO"));
        var station = new CountingSession();
        var session = grains.CreateObjectReference<IChargePointSession>(station);
        try
        {
            var opened = DateTimeOffset.UtcNow;
            await Task.Delay(100); // the grain hears of the connection later
            var id = Guid.NewGuid();
            Assert.Equal(ChargePointCallResult.Ok, await grain.Connect(id, OcppProtocol.Ocpp16, session, opened));
            Assert.Equal(ChargePointCallResult.Ok, await grain.ReportStatus(id, new ConnectorStatusReport(0, 1, ConnectorState.Available, opened.AddMilliseconds(1))));

            await Task.Delay(TimeSpan.FromSeconds(7)); // past the 5 s boot wait
            Assert.Equal(0, station.Requests);
        }
        finally
        {
            grains.DeleteObjectReference<IChargePointSession>(session);
        }
    }

    /// <summary>
    /// A station without TriggerMessage answered NotImplemented on every reconnect, and each answer was a warning: a
    /// fleet of them filled the log on every restart. Its firmware changes only with a reboot, so it is not asked
    /// again until its next BootNotification. Failed first: the second connection was asked again.
    /// </summary>
    [Fact]
    public async Task A_station_that_does_not_take_trigger_message_is_not_asked_again_until_it_boots()
    {
        await ChargedAndLeftAsync("CP16-TX", "OCPP-TX");

        // Each connection answers a TriggerMessage with a CALLERROR NotImplemented.
        await using (var second = await ReconnectAsync("CP16-TX"))
        {
            Assert.True((await second.CallsAsync(Trigger, 1)).GetProperty("ok").GetBoolean(), "the first reconnect is asked");
            await second.SendAsync(new() { ["op"] = "close" });
        }

        await using (var third = await ReconnectAsync("CP16-TX"))
        {
            Assert.Equal(0, (await third.CallsAsync(Trigger, 1, timeoutMs: 7000)).GetProperty("calls").GetArrayLength());

            // New firmware comes with a reboot: the station may take TriggerMessage now.
            await third.CallAsync("BootNotification", """{"chargePointVendor":"V","chargePointModel":"M"}""");
            await third.SendAsync(new() { ["op"] = "close" });
        }

        await using var fourth = await ReconnectAsync("CP16-TX");
        Assert.True((await fourth.CallsAsync(Trigger, 1)).GetProperty("ok").GetBoolean(), "a station that booted since is asked again");
    }

    /// <summary>A 1.6 station with one connector that boots, reports Charging and closes its connection.</summary>
    private async Task ChargedAndLeftAsync(string identity, string locationId)
    {
        await fixture.RegisterAsync(identity, locationId, connectors: $$"""[{"connector_id":1,"location_id":"{{locationId}}","evse_uid":"{{locationId}}-E1"}]""", evseCount: 1);
        await using var before = await fixture.Booted16Async(identity);
        await before.CallAsync("StatusNotification", $$"""{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"{{Now()}}"}""");
        await fixture.WaitForPatchAsync(locationId, locationId + "-E1", "CHARGING");
        await before.SendAsync(new() { ["op"] = "close" });
    }

    /// <summary>A new 1.6 connection of a station that booted before, answering TriggerMessage with <paramref name="answer"/> (null: NotImplemented).</summary>
    private async Task<OcppNodeClient> ReconnectAsync(string identity, string? answer = null)
    {
        var cp = OcppNodeClient.Start();
        await cp.ConnectAsync(fixture.Host.BaseAddress, identity, OcppFixture.Password, "ocpp1.6");
        await cp.AnswerAsync(Trigger, answer);
        return cp;
    }

    private static string Describe201(JsonElement trigger)
    {
        var evse = trigger.GetProperty("evse");
        var connector = evse.TryGetProperty("connectorId", out var c) ? c.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
        return $"{trigger.GetProperty("requestedMessage").GetString()} {evse.GetProperty("id").GetInt32()}/{connector}";
    }

    private static string Now() => At(DateTimeOffset.UtcNow);

    private static string At(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class CountingSession : IChargePointSession
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public Task Close(string reason) => Task.CompletedTask;

        public Task RequestStatus(ImmutableArray<StatusTrigger> triggers)
        {
            Interlocked.Increment(ref _requests);
            return Task.CompletedTask;
        }
    }
}
