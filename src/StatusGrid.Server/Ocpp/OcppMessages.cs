using StatusGrid.Contracts.ChargePoints;
using static StatusGrid.Server.Ocpp.OcppSchema;

namespace StatusGrid.Server.Ocpp;

/// <summary>
/// The request schemas of the actions we handle (and 2.0.1's NotifyEvent), per version, written from the OCA JSON schemas (OCPP 1.6
/// post-errata and 2.0.1 FINAL): same fields, types, lengths, enums and required lists. Every object is closed
/// (additionalProperties false) except 2.0.1's CustomDataType.
/// </summary>
public static class OcppMessages
{
    public const string BootNotification = "BootNotification";
    public const string Heartbeat = "Heartbeat";
    public const string StatusNotification = "StatusNotification";
    public const string NotifyEvent = "NotifyEvent";

    public static readonly string[] ErrorCodes16 =
    [
        "ConnectorLockFailure", "EVCommunicationError", "GroundFailure", "HighTemperature", "InternalError",
        "LocalListConflict", "NoError", "OtherError", "OverCurrentFailure", "PowerMeterFailure", "PowerSwitchFailure",
        "ReaderFailure", "ResetFailure", "UnderVoltage", "OverVoltage", "WeakSignal",
    ];

    public static readonly string[] Statuses16 =
        ["Available", "Preparing", "Charging", "SuspendedEVSE", "SuspendedEV", "Finishing", "Reserved", "Unavailable", "Faulted"];

    public static readonly string[] Statuses201 = ["Available", "Occupied", "Reserved", "Unavailable", "Faulted"];

    public static readonly string[] BootReasons201 =
        ["ApplicationReset", "FirmwareUpdate", "LocalReset", "PowerUp", "RemoteReset", "ScheduledReset", "Triggered", "Unknown", "Watchdog"];

    private static readonly OcppSchema CustomData = Shape([new("vendorId", Text(255), Required: true)], open: true);

    private static readonly OcppSchema Evse201 = Shape([new("customData", CustomData), new("id", WholeNumber(), Required: true), new("connectorId", WholeNumber())]);

    /// <summary>2.0.1 EventDataType: one component-variable's event.</summary>
    private static readonly OcppSchema EventData201 = Shape(
    [
        new("customData", CustomData),
        new("eventId", WholeNumber(), Required: true),
        new("timestamp", Timestamp(), Required: true),
        new("trigger", OneOf("Alerting", "Delta", "Periodic"), Required: true),
        new("cause", WholeNumber()),
        new("actualValue", Text(2500), Required: true),
        new("techCode", Text(50)),
        new("techInfo", Text(500)),
        new("cleared", Flag()),
        new("transactionId", Text(36)),
        new("component", Shape([new("customData", CustomData), new("evse", Evse201), new("name", Text(50), Required: true), new("instance", Text(50))]), Required: true),
        new("variableMonitoringId", WholeNumber()),
        new("eventNotificationType", OneOf("HardWiredNotification", "HardWiredMonitor", "PreconfiguredMonitor", "CustomMonitor"), Required: true),
        new("variable", Shape([new("customData", CustomData), new("name", Text(50), Required: true), new("instance", Text(50))]), Required: true),
    ]);

    private static readonly Dictionary<string, OcppSchema> Requests16 = new(StringComparer.Ordinal)
    {
        [BootNotification] = Shape(
        [
            new("chargePointVendor", Text(20), Required: true),
            new("chargePointModel", Text(20), Required: true),
            new("chargePointSerialNumber", Text(25)),
            new("chargeBoxSerialNumber", Text(25)),
            new("firmwareVersion", Text(50)),
            new("iccid", Text(20)),
            new("imsi", Text(20)),
            new("meterType", Text(25)),
            new("meterSerialNumber", Text(25)),
        ]),
        [Heartbeat] = Shape([]),
        [StatusNotification] = Shape(
        [
            // The OCA 1.6 schemas are draft-04, where an integer has no fraction or exponent: 1.0 is a TypeConstraintViolation.
            new("connectorId", WholeNumber(draft04: true), Required: true),
            new("errorCode", OneOf(ErrorCodes16), Required: true),
            new("info", Text(50)),
            new("status", OneOf(Statuses16), Required: true),
            new("timestamp", Timestamp()),
            new("vendorId", Text(255)),
            new("vendorErrorCode", Text(50)),
        ]),
    };

    private static readonly Dictionary<string, OcppSchema> Requests201 = new(StringComparer.Ordinal)
    {
        [BootNotification] = Shape(
        [
            new("customData", CustomData),
            new("chargingStation", Shape(
            [
                new("customData", CustomData),
                new("serialNumber", Text(25)),
                new("model", Text(20), Required: true),
                new("modem", Shape([new("customData", CustomData), new("iccid", Text(20)), new("imsi", Text(20))])),
                new("vendorName", Text(50), Required: true),
                new("firmwareVersion", Text(50)),
            ]), Required: true),
            new("reason", OneOf(BootReasons201), Required: true),
        ]),
        [Heartbeat] = Shape([new("customData", CustomData)]),
        [StatusNotification] = Shape(
        [
            new("customData", CustomData),
            new("timestamp", Timestamp(), Required: true),
            new("connectorStatus", OneOf(Statuses201), Required: true),
            new("evseId", WholeNumber(), Required: true),
            new("connectorId", WholeNumber(), Required: true),
        ]),
        [NotifyEvent] = Shape(
        [
            new("customData", CustomData),
            new("generatedAt", Timestamp(), Required: true),
            new("tbc", Flag()),
            new("seqNo", WholeNumber(), Required: true),
            new("eventData", List(EventData201, minItems: 1), Required: true),
        ]),
    };

    /// <summary>The schema of a request we handle; null for every other action.</summary>
    public static OcppSchema? Request(OcppProtocol protocol, string action) =>
        (protocol == OcppProtocol.Ocpp16 ? Requests16 : Requests201).GetValueOrDefault(action);
}
