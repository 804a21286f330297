namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>One connection per identity, and silence → UNKNOWN → recovery.</summary>
[Collection(OcppCollection.Name)]
public sealed class OcppConnectionTests(OcppFixture fixture)
{
    [Fact]
    public async Task A_newer_connection_of_the_same_identity_replaces_the_older()
    {
        await fixture.RegisterAsync("CP16-R", "OCPP-R", connectors: """[{"connector_id":1,"location_id":"OCPP-R","evse_uid":"OCPP-R-E1"}]""", evseCount: 1);
        await using var older = OcppNodeClient.Start();
        await using var newer = OcppNodeClient.Start();
        await older.ConnectAsync(fixture.Host.BaseAddress, "CP16-R", OcppFixture.Password, "ocpp1.6");
        await older.CallAsync("BootNotification", """{"chargePointVendor":"V","chargePointModel":"M"}""");

        var second = await newer.ConnectAsync(fixture.Host.BaseAddress, "CP16-R", OcppFixture.Password, "ocpp1.6");
        Assert.True(second.GetProperty("ok").GetBoolean(), second.ToString());

        var closed = await older.WaitCloseAsync();
        Assert.True(closed.GetProperty("ok").GetBoolean(), closed.ToString());
        Assert.Equal(1008, closed.GetProperty("closed").GetProperty("code").GetInt32());
        var status = await newer.CallAsync("StatusNotification", """{"connectorId":1,"errorCode":"NoError","status":"Faulted","timestamp":"2026-03-01T10:00:00Z"}""");
        Assert.True(status.GetProperty("ok").GetBoolean(), status.ToString());
        await fixture.WaitForPatchAsync("OCPP-R", "OCPP-R-E1", "OUTOFORDER");
    }

    [Fact]
    public async Task A_silent_charge_point_turns_its_evses_unknown_and_its_next_report_brings_them_back()
    {
        await fixture.RegisterAsync("CP201-S", "OCPP-S", evses: """[{"evse_id":1,"location_id":"OCPP-S","evse_uid":"OCPP-S-E1"}]""", evseCount: 1);
        await using var cp = OcppNodeClient.Start();
        await cp.ConnectAsync(fixture.Host.BaseAddress, "CP201-S", OcppFixture.Password, "ocpp2.0.1");
        await cp.CallAsync("BootNotification", """{"reason":"PowerUp","chargingStation":{"vendorName":"V","model":"M"}}""");
        var observed = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        await cp.CallAsync("StatusNotification", $$"""{"timestamp":"{{observed}}","connectorStatus":"Occupied","evseId":1,"connectorId":1}""");
        await fixture.WaitForPatchAsync("OCPP-S", "OCPP-S-E1", "CHARGING");

        // Heartbeat interval 2 s × 4: silent for longer than 8 s → UNKNOWN.
        await fixture.WaitForPatchAsync("OCPP-S", "OCPP-S-E1", "UNKNOWN");
        using var admin = fixture.Host.Client();
        var view = await (await admin.GetAsync("/api/admin/charge-points/CP201-S")).JsonAsync();
        Assert.True(view.GetProperty("offline").GetBoolean(), view.ToString());

        // Its next report ends the UNKNOWN, even though it was observed before the UNKNOWN was declared.
        var status = await cp.CallAsync("StatusNotification", $$"""{"timestamp":"{{observed}}","connectorStatus":"Available","evseId":1,"connectorId":1}""");
        Assert.True(status.GetProperty("ok").GetBoolean(), status.ToString());
        await fixture.WaitForPatchAsync("OCPP-S", "OCPP-S-E1", "AVAILABLE");
    }

    /// <summary>
    /// OCPP 1.6's heartbeat interval counts inactivity: a station busy sending other messages (MeterValues during a
    /// session) may skip its Heartbeats, and any message is a sign of life. Those this endpoint does not take were
    /// answered without telling the grain, so a charging station went offline and its EVSEs UNKNOWN mid-session.
    /// Found by an audit of the OCPP endpoint; seen failing first.
    /// </summary>
    [Fact]
    public async Task A_charge_point_sending_other_messages_instead_of_heartbeats_stays_online()
    {
        await fixture.RegisterAsync("CP16-M", "OCPP-M", connectors: """[{"connector_id":1,"location_id":"OCPP-M","evse_uid":"OCPP-M-E1"}]""", evseCount: 1);
        await using var cp = await fixture.Booted16Async("CP16-M");
        var observed = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        await cp.CallAsync("StatusNotification", $$"""{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"{{observed}}"}""");
        await fixture.WaitForPatchAsync("OCPP-M", "OCPP-M-E1", "CHARGING");

        // Heartbeat interval 2 s × 4: 12 s without a Heartbeat, a MeterValues every second.
        for (var i = 0; i < 12; i++)
        {
            var at = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
            await cp.CallAsync("MeterValues", $$"""{"connectorId":1,"meterValue":[{"timestamp":"{{at}}","sampledValue":[{"value":"{{i}}"}]}]}""");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Assert.DoesNotContain(fixture.Emsp.Received, r => r.Method == "PATCH" && r.Path.EndsWith("/OCPP-M/OCPP-M-E1", StringComparison.Ordinal)
            && r.Body.Contains("\"UNKNOWN\"", StringComparison.Ordinal));
        using var admin = fixture.Host.Client();
        var view = await (await admin.GetAsync("/api/admin/charge-points/CP16-M")).JsonAsync();
        Assert.False(view.GetProperty("offline").GetBoolean(), view.ToString());
    }
}
