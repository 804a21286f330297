namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>
/// OCPP 2.0.1 lets a station report a connector's status as a NotifyEvent of variable AvailabilityState on component
/// Connector instead of a StatusNotification (E201 2.8.1; the conformance test TC_B_30 accepts either). It was answered
/// NotSupported, so such a station's EVSEs never left their last state. Seen failing first (a NotSupported error).
/// </summary>
[Collection(OcppCollection.Name)]
public sealed class OcppNotifyEventTests(OcppFixture fixture)
{
    [Fact]
    public async Task A_201_station_reporting_availability_through_notify_event_reaches_partners()
    {
        await fixture.RegisterAsync("CP201-V", "OCPP-V", evses: """[{"evse_id":1,"location_id":"OCPP-V","evse_uid":"OCPP-V-E1"}]""", evseCount: 1);
        await using var cp = await fixture.Booted201Async("CP201-V");

        // Events of other variables are answered and change nothing, at EVSE level as at connector level.
        var other = await cp.CallAsync("NotifyEvent", Events(
            Event(1, "EVSE", """{"id":1}""", "Power", "0"),
            Event(2, "Connector", """{"id":1,"connectorId":1}""", "ConnectorType", "cType2")));
        Assert.True(other.GetProperty("ok").GetBoolean(), other.ToString());

        var occupied = await cp.CallAsync("NotifyEvent", Events(Event(3, "Connector", """{"id":1,"connectorId":1}""", "AvailabilityState", "Occupied")));
        Assert.True(occupied.GetProperty("ok").GetBoolean(), occupied.ToString());
        await fixture.WaitForPatchAsync("OCPP-V", "OCPP-V-E1", "CHARGING");
        Assert.DoesNotContain(fixture.Emsp.Received, r => r.Method == "PATCH" && r.Path.EndsWith("/OCPP-V/OCPP-V-E1", StringComparison.Ordinal)
            && r.Body.Contains("\"OUTOFORDER\"", StringComparison.Ordinal));

        // Component and variable names compare case-insensitively (the device model says so).
        await cp.CallAsync("NotifyEvent", Events(Event(4, "connector", """{"id":1,"connectorId":1}""", "availabilityState", "Faulted")));
        await fixture.WaitForPatchAsync("OCPP-V", "OCPP-V-E1", "OUTOFORDER");
    }

    /// <summary>
    /// AvailabilityState at EVSE level (component EVSE, no connectorId) and station level (component ChargingStation,
    /// no evse) was ignored: an EVSE the station took out of service stayed AVAILABLE for partners. Now Unavailable or
    /// Faulted there holds for every connector under it, and a level back in service gives each EVSE its connectors'
    /// own last statuses again (a reserved one RESERVED, never an invented AVAILABLE).
    /// </summary>
    [Fact]
    public async Task Evse_and_station_availability_take_their_connectors_out_and_give_them_back_their_own_statuses()
    {
        await fixture.RegisterAsync("CP201-VA", "OCPP-VA", evses: """[{"evse_id":1,"location_id":"OCPP-VA","evse_uid":"OCPP-VA-E1"},{"evse_id":2,"location_id":"OCPP-VA","evse_uid":"OCPP-VA-E2"}]""");
        await using var cp = await fixture.Booted201Async("CP201-VA");
        await cp.CallAsync("StatusNotification", $$"""{"timestamp":"{{Now()}}","connectorStatus":"Available","evseId":1,"connectorId":1}""");
        await cp.CallAsync("StatusNotification", $$"""{"timestamp":"{{Now()}}","connectorStatus":"Reserved","evseId":2,"connectorId":1}""");
        await fixture.WaitForPatchAsync("OCPP-VA", "OCPP-VA-E2", "RESERVED"); // E1 was AVAILABLE already

        var evseDown = await cp.CallAsync("NotifyEvent", Events(Event(1, "EVSE", """{"id":1}""", "AvailabilityState", "Unavailable")));
        Assert.True(evseDown.GetProperty("ok").GetBoolean(), evseDown.ToString());
        await fixture.WaitForPatchAsync("OCPP-VA", "OCPP-VA-E1", "INOPERATIVE");

        var stationDown = await cp.CallAsync("NotifyEvent", Events(StationEvent(2, "Faulted")));
        Assert.True(stationDown.GetProperty("ok").GetBoolean(), stationDown.ToString());
        await fixture.WaitForPatchAsync("OCPP-VA", "OCPP-VA-E2", "OUTOFORDER");

        // The station back: EVSE 2 is its reserved connector again; EVSE 1 is still out of service on its own.
        await cp.CallAsync("NotifyEvent", Events(StationEvent(3, "Available")));
        await fixture.WaitForLatestPatchAsync("OCPP-VA", "OCPP-VA-E2", "RESERVED");
        await cp.CallAsync("NotifyEvent", Events(Event(4, "EVSE", """{"id":1}""", "AvailabilityState", "Available")));
        await fixture.WaitForLatestPatchAsync("OCPP-VA", "OCPP-VA-E1", "AVAILABLE");

        Assert.DoesNotContain(fixture.Emsp.Received, r => r.Method == "PATCH" && r.Path.EndsWith("/OCPP-VA/OCPP-VA-E2", StringComparison.Ordinal)
            && r.Body.Contains("\"AVAILABLE\"", StringComparison.Ordinal));
    }

    private static string StationEvent(int id, string value) =>
        $$"""{"eventId":{{id}},"timestamp":"{{Now()}}","trigger":"Delta","actualValue":"{{value}}","component":{"name":"ChargingStation"},"variable":{"name":"AvailabilityState"},"eventNotificationType":"HardWiredNotification"}""";

    private static string Events(params string[] events) =>
        $$"""{"generatedAt":"{{Now()}}","seqNo":0,"eventData":[{{string.Join(",", events)}}]}""";

    private static string Event(int id, string component, string evse, string variable, string value) =>
        $$"""{"eventId":{{id}},"timestamp":"{{Now()}}","trigger":"Delta","actualValue":"{{value}}","component":{"name":"{{component}}","evse":{{evse}}},"variable":{"name":"{{variable}}"},"eventNotificationType":"HardWiredNotification"}""";

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
}
