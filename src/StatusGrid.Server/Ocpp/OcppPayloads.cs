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
    /// The statuses a 2.0.1 NotifyEvent carries: events of variable <c>AvailabilityState</c> whose value is a
    /// connector status (names compare case-insensitively, as the device model says). A station may report status
    /// this way instead of StatusNotification (E201 2.8.1), on component <c>Connector</c> (evse id and connector id),
    /// <c>EVSE</c> (evse id: kept as its connector 0) or <c>ChargingStation</c> (kept as EVSE 0 connector 0); see
    /// ConnectorBook for what a level above the connectors means. Every other event says nothing we keep.
    /// </summary>
    public static IEnumerable<ConnectorStatusReport> AvailabilityReports(JsonElement payload, DateTimeOffset now)
    {
        foreach (var item in payload.GetProperty("eventData").EnumerateArray())
        {
            if (!Named(item.GetProperty("variable"), "AvailabilityState")
                || item.GetProperty("actualValue").GetString() is not { } value || Array.IndexOf(OcppMessages.Statuses201, value) < 0
                || Level(item.GetProperty("component")) is not { } level)
            {
                continue;
            }

            yield return new ConnectorStatusReport(level.EvseId, level.ConnectorId, System.Enum.Parse<ConnectorState>(value), Observed(item, now));
        }
    }

    /// <summary>The record an AvailabilityState is for; null for another component, or one without the ids it needs.</summary>
    private static (int EvseId, int ConnectorId)? Level(JsonElement component)
    {
        if (Named(component, "ChargingStation"))
        {
            return (0, 0);
        }

        if (!component.TryGetProperty("evse", out var evse))
        {
            return null;
        }

        var evseId = OcppSchema.ReadWholeNumber(evse.GetProperty("id"));
        if (Named(component, "EVSE"))
        {
            return (evseId, 0);
        }

        return Named(component, "Connector") && evse.TryGetProperty("connectorId", out var connector)
            ? (evseId, OcppSchema.ReadWholeNumber(connector))
            : null;
    }

    private static bool Named(JsonElement element, string name) =>
        string.Equals(element.GetProperty("name").GetString(), name, StringComparison.OrdinalIgnoreCase);

    private static DateTimeOffset Observed(JsonElement payload, DateTimeOffset now) =>
        payload.TryGetProperty("timestamp", out var ts) && OcppSchema.TryParse(ts.GetString()!, out var parsed) && parsed < now ? parsed : now;

    private static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
