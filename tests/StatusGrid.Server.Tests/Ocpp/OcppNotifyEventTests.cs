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

        // Events that are not a connector's availability are answered and change nothing: the EVSE-level one here
        // names no connector, the other is another variable.
        var other = await cp.CallAsync("NotifyEvent", Events(
            Event(1, "EVSE", """{"id":1}""", "AvailabilityState", "Faulted"),
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

    private static string Events(params string[] events) =>
        $$"""{"generatedAt":"{{Now()}}","seqNo":0,"eventData":[{{string.Join(",", events)}}]}""";

    private static string Event(int id, string component, string evse, string variable, string value) =>
        $$"""{"eventId":{{id}},"timestamp":"{{Now()}}","trigger":"Delta","actualValue":"{{value}}","component":{"name":"{{component}}","evse":{{evse}}},"variable":{"name":"{{variable}}"},"eventNotificationType":"HardWiredNotification"}""";

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
}
