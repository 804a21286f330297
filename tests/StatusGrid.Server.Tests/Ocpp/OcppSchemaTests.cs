using System.Text.Json;
using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Server.Ocpp;

namespace StatusGrid.Server.Tests.Ocpp;

public sealed class OcppSchemaTests
{
    private static OcppViolation? Check(OcppProtocol protocol, string action, string payload)
    {
        using var document = JsonDocument.Parse(payload);
        return OcppMessages.Request(protocol, action)!.Validate(document.RootElement);
    }

    [Theory]
    [InlineData("BootNotification", """{"chargePointVendor":"VendorX","chargePointModel":"ModelY","firmwareVersion":"1.2.3"}""")]
    [InlineData("Heartbeat", "{}")]
    [InlineData("StatusNotification", """{"connectorId":1,"errorCode":"NoError","status":"SuspendedEVSE","timestamp":"2026-03-01T10:00:00.123Z"}""")]
    [InlineData("StatusNotification", """{"connectorId":0,"errorCode":"GroundFailure","status":"Faulted","info":"relay"}""")]
    public void Valid_16_payloads_pass(string action, string payload) => Assert.Null(Check(OcppProtocol.Ocpp16, action, payload));

    [Theory]
    [InlineData("BootNotification", """{"reason":"PowerUp","chargingStation":{"model":"M","vendorName":"V","modem":{"iccid":"1"},"customData":{"vendorId":"x","extra":1}}}""")]
    [InlineData("Heartbeat", """{"customData":{"vendorId":"x"}}""")]
    [InlineData("StatusNotification", """{"timestamp":"2026-03-01T10:00:00+01:00","connectorStatus":"Occupied","evseId":1,"connectorId":1}""")]
    [InlineData("NotifyEvent", """{"generatedAt":"2026-03-01T10:00:00Z","seqNo":0,"tbc":false,"eventData":[{"eventId":1,"timestamp":"2026-03-01T10:00:00Z","trigger":"Delta","actualValue":"Occupied","component":{"name":"Connector","evse":{"id":1,"connectorId":1}},"variable":{"name":"AvailabilityState"},"eventNotificationType":"HardWiredNotification","cleared":false}]}""")]
    public void Valid_201_payloads_pass(string action, string payload) => Assert.Null(Check(OcppProtocol.Ocpp201, action, payload));

    [Theory]
    [InlineData("""{"generatedAt":"2026-03-01T10:00:00Z","eventData":[]}""", OcppErrorKind.OccurrenceConstraintViolation)]
    [InlineData("""{"generatedAt":"2026-03-01T10:00:00Z","seqNo":0,"eventData":[]}""", OcppErrorKind.OccurrenceConstraintViolation)]
    [InlineData("""{"generatedAt":"2026-03-01T10:00:00Z","seqNo":0,"eventData":{}}""", OcppErrorKind.TypeConstraintViolation)]
    [InlineData("""{"generatedAt":"2026-03-01T10:00:00Z","seqNo":0,"tbc":"no","eventData":[{}]}""", OcppErrorKind.TypeConstraintViolation)]
    [InlineData("""{"generatedAt":"2026-03-01T10:00:00Z","seqNo":0,"eventData":[{"eventId":1,"timestamp":"2026-03-01T10:00:00Z","trigger":"Delta","actualValue":"Occupied","component":{"name":"Connector","evse":{"connectorId":1}},"variable":{"name":"AvailabilityState"},"eventNotificationType":"HardWiredNotification"}]}""", OcppErrorKind.OccurrenceConstraintViolation)]
    [InlineData("""{"generatedAt":"2026-03-01T10:00:00Z","seqNo":0,"eventData":[{"eventId":1,"timestamp":"2026-03-01T10:00:00Z","trigger":"Sometimes","actualValue":"Occupied","component":{"name":"Connector"},"variable":{"name":"AvailabilityState"},"eventNotificationType":"HardWiredNotification"}]}""", OcppErrorKind.PropertyConstraintViolation)]
    public void A_201_notify_event_breaking_the_schema_gets_the_matching_error(string payload, OcppErrorKind expected) =>
        Assert.Equal(expected, Check(OcppProtocol.Ocpp201, "NotifyEvent", payload)?.Kind);

    [Theory]
    [InlineData("""{"connectorId":"1","errorCode":"NoError","status":"Available"}""", OcppErrorKind.TypeConstraintViolation)]
    [InlineData("""{"connectorId":1.5,"errorCode":"NoError","status":"Available"}""", OcppErrorKind.TypeConstraintViolation)]
    [InlineData("""{"connectorId":1,"errorCode":"NoError"}""", OcppErrorKind.OccurrenceConstraintViolation)]
    [InlineData("""{"connectorId":1,"errorCode":"Error","status":"Available"}""", OcppErrorKind.PropertyConstraintViolation)]
    [InlineData("""{"connectorId":1,"errorCode":"NoError","status":"Occupied"}""", OcppErrorKind.PropertyConstraintViolation)]
    [InlineData("""{"connectorId":1,"errorCode":"NoError","status":"Available","colour":"red"}""", OcppErrorKind.PropertyConstraintViolation)]
    [InlineData("""{"connectorId":1,"errorCode":"NoError","status":"Available","info":"012345678901234567890123456789012345678901234567890"}""", OcppErrorKind.PropertyConstraintViolation)]
    [InlineData("""{"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"2026-03-01 10:00"}""", OcppErrorKind.FormationViolation)]
    [InlineData("""{"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"2026-03-01T10:00:00"}""", OcppErrorKind.FormationViolation)]
    [InlineData("""{"connectorId":99999999999,"errorCode":"NoError","status":"Available"}""", OcppErrorKind.PropertyConstraintViolation)]
    public void A_16_status_notification_breaking_the_schema_gets_the_matching_error(string payload, OcppErrorKind expected) =>
        Assert.Equal(expected, Check(OcppProtocol.Ocpp16, "StatusNotification", payload)?.Kind);

    [Theory]
    [InlineData("""{"connectorStatus":"Occupied","evseId":1,"connectorId":1}""", OcppErrorKind.OccurrenceConstraintViolation)]
    [InlineData("""{"timestamp":"2026-03-01T10:00:00Z","connectorStatus":"Charging","evseId":1,"connectorId":1}""", OcppErrorKind.PropertyConstraintViolation)]
    [InlineData("""{"timestamp":"2026-03-01T10:00:00Z","connectorStatus":"Available","evseId":true,"connectorId":1}""", OcppErrorKind.TypeConstraintViolation)]
    [InlineData("""{"timestamp":"2026-03-01T10:00:00Z","connectorStatus":"Available","evseId":1,"connectorId":1,"customData":{}}""", OcppErrorKind.OccurrenceConstraintViolation)]
    public void A_201_status_notification_breaking_the_schema_gets_the_matching_error(string payload, OcppErrorKind expected) =>
        Assert.Equal(expected, Check(OcppProtocol.Ocpp201, "StatusNotification", payload)?.Kind);

    [Theory]
    [InlineData("1.0")]
    [InlineData("1e0")]
    [InlineData("10E-1")]
    public void A_201_integer_written_with_a_fraction_or_exponent_passes_and_is_read_as_that_integer(string one)
    {
        var payload = $$"""{"timestamp":"2026-03-01T10:00:00Z","connectorStatus":"Occupied","evseId":{{one}},"connectorId":{{one}}}""";
        using var document = JsonDocument.Parse(payload);

        Assert.Null(Check(OcppProtocol.Ocpp201, "StatusNotification", payload));
        var report = OcppPayloads.Status(OcppProtocol.Ocpp201, document.RootElement, DateTimeOffset.UnixEpoch);
        Assert.Equal((1, 1), (report.EvseId, report.ConnectorId));
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1e0")]
    public void A_16_integer_written_with_a_fraction_or_exponent_breaks_its_draft_04_schema(string one) =>
        Assert.Equal(OcppErrorKind.TypeConstraintViolation,
            Check(OcppProtocol.Ocpp16, "StatusNotification", $$"""{"connectorId":{{one}},"errorCode":"NoError","status":"Available"}""")?.Kind);

    [Fact]
    public void Lengths_count_characters_not_utf16_units()
    {
        // 20 emoji: 40 UTF-16 units, 20 characters: within chargePointVendor's 20.
        var vendor = string.Concat(Enumerable.Repeat("\U0001F50C", 20));
        Assert.Null(Check(OcppProtocol.Ocpp16, "BootNotification", $$"""{"chargePointVendor":"{{vendor}}","chargePointModel":"M"}"""));
        Assert.Equal(OcppErrorKind.PropertyConstraintViolation,
            Check(OcppProtocol.Ocpp16, "BootNotification", $$"""{"chargePointVendor":"{{vendor}}x","chargePointModel":"M"}""")?.Kind);
    }

    [Fact]
    public void A_future_timestamp_beyond_the_clock_skew_becomes_the_time_of_receipt()
    {
        var now = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        using var ahead = JsonDocument.Parse("""{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"2026-03-01T11:00:00Z"}""");
        using var absent = JsonDocument.Parse("""{"connectorId":1,"errorCode":"NoError","status":"Charging"}""");

        Assert.Equal(now, OcppPayloads.Status(OcppProtocol.Ocpp16, ahead.RootElement, now).ObservedAt);
        Assert.Equal(now, OcppPayloads.Status(OcppProtocol.Ocpp16, absent.RootElement, now).ObservedAt);
        Assert.Equal(ConnectorState.Charging, OcppPayloads.Status(OcppProtocol.Ocpp16, absent.RootElement, now).State);
    }

    /// <summary>
    /// A station whose clock runs a few minutes fast stamps its reports in the future; once it sets its clock from our
    /// BootNotification or Heartbeat answer, its next report is stamped earlier than the last. Kept as sent (anything up
    /// to 5 minutes ahead was), the future stamp made that next report stale: acknowledged with {}, and dropped. A time
    /// after the time of receipt cannot have been observed, so it is the time of receipt. Seen failing first.
    /// </summary>
    [Fact]
    public void A_timestamp_even_slightly_in_the_future_is_the_time_of_receipt()
    {
        var now = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        using var fast = JsonDocument.Parse("""{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"2026-03-01T10:04:00Z"}""");
        using var past = JsonDocument.Parse("""{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"2026-03-01T09:59:00Z"}""");

        Assert.Equal(now, OcppPayloads.Status(OcppProtocol.Ocpp16, fast.RootElement, now).ObservedAt);
        Assert.Equal(now.AddMinutes(-1), OcppPayloads.Status(OcppProtocol.Ocpp16, past.RootElement, now).ObservedAt);
    }
}
