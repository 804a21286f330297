using System.Text.Json;
using StatusGrid.Contracts.ChargePoints;

namespace StatusGrid.Server.Ocpp;

/// <summary>Reads the fields we keep from payloads that already passed <see cref="OcppMessages"/>' schemas.</summary>
public static class OcppPayloads
{
    public static BootInfo Boot(OcppProtocol protocol, JsonElement payload, DateTimeOffset now)
    {
        if (protocol == OcppProtocol.Ocpp16)
        {
            return new BootInfo(protocol, payload.GetProperty("chargePointVendor").GetString()!, payload.GetProperty("chargePointModel").GetString()!,
                Optional(payload, "chargePointSerialNumber") ?? Optional(payload, "chargeBoxSerialNumber"),
                Optional(payload, "firmwareVersion"), Reason: null, now);
        }

        var station = payload.GetProperty("chargingStation");
        return new BootInfo(protocol, station.GetProperty("vendorName").GetString()!, station.GetProperty("model").GetString()!,
            Optional(station, "serialNumber"), Optional(station, "firmwareVersion"), payload.GetProperty("reason").GetString(), now);
    }

    /// <summary>
    /// The report a StatusNotification stands for. The OCPP timestamp is the observation time; a 1.6 station may omit
    /// it (then it is the time of receipt), and one after the time of receipt cannot have been observed: it is the
    /// time of receipt too. A station whose clock runs fast would otherwise stamp reports in the future, and once it
    /// set its clock from our answers its next report would be older than the last, acknowledged and ignored.
    /// </summary>
    public static ConnectorStatusReport Status(OcppProtocol protocol, JsonElement payload, DateTimeOffset now)
    {
        var observed = Observed(payload, now);

        if (protocol == OcppProtocol.Ocpp16)
        {
            return new ConnectorStatusReport(0, OcppSchema.ReadWholeNumber(payload.GetProperty("connectorId")),
                System.Enum.Parse<ConnectorState>(payload.GetProperty("status").GetString()!), observed, payload.GetProperty("errorCode").GetString());
        }

        return new ConnectorStatusReport(OcppSchema.ReadWholeNumber(payload.GetProperty("evseId")), OcppSchema.ReadWholeNumber(payload.GetProperty("connectorId")),
            System.Enum.Parse<ConnectorState>(payload.GetProperty("connectorStatus").GetString()!), observed);
    }

    /// <summary>
    /// The connector statuses a 2.0.1 NotifyEvent carries: events of variable <c>AvailabilityState</c> on component
    /// <c>Connector</c> with an EVSE and connector id (names compare case-insensitively, as the device model says),
    /// whose value is a connector status. A station may report status this way instead of StatusNotification (E201
    /// 2.8.1). Events at EVSE or station level, and every other event, say nothing we keep.
    /// </summary>
    public static IEnumerable<ConnectorStatusReport> AvailabilityReports(JsonElement payload, DateTimeOffset now)
    {
        foreach (var item in payload.GetProperty("eventData").EnumerateArray())
        {
            var component = item.GetProperty("component");
            if (!Named(component, "Connector") || !Named(item.GetProperty("variable"), "AvailabilityState")
                || !component.TryGetProperty("evse", out var evse) || !evse.TryGetProperty("connectorId", out var connector)
                || item.GetProperty("actualValue").GetString() is not { } value || Array.IndexOf(OcppMessages.Statuses201, value) < 0)
            {
                continue;
            }

            yield return new ConnectorStatusReport(OcppSchema.ReadWholeNumber(evse.GetProperty("id")), OcppSchema.ReadWholeNumber(connector),
                System.Enum.Parse<ConnectorState>(value), Observed(item, now));
        }
    }

    private static bool Named(JsonElement element, string name) =>
        string.Equals(element.GetProperty("name").GetString(), name, StringComparison.OrdinalIgnoreCase);

    private static DateTimeOffset Observed(JsonElement payload, DateTimeOffset now) =>
        payload.TryGetProperty("timestamp", out var ts) && OcppSchema.TryParse(ts.GetString()!, out var parsed) && parsed < now ? parsed : now;

    private static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
