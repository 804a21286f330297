using StatusGrid.Contracts.ChargePoints;
using static StatusGrid.Server.Ocpp.OcppSchema;

namespace StatusGrid.Server.Ocpp;

/// <summary>
/// The request schemas of the three actions we handle, per version, written from the OCA JSON schemas (OCPP 1.6
/// post-errata and 2.0.1 FINAL): same fields, types, lengths, enums and required lists. Every object is closed
/// (additionalProperties false) except 2.0.1's CustomDataType.
/// </summary>
public static class OcppMessages
{
    public const string BootNotification = "BootNotification";
    public const string Heartbeat = "Heartbeat";
    public const string StatusNotification = "StatusNotification";

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

    private static readonly OcppSchema CustomData = Obj([new("vendorId", Str(255), Required: true)], open: true);

    private static readonly Dictionary<string, OcppSchema> Requests16 = new(StringComparer.Ordinal)
    {
        [BootNotification] = Obj(
        [
            new("chargePointVendor", Str(20), Required: true),
            new("chargePointModel", Str(20), Required: true),
            new("chargePointSerialNumber", Str(25)),
            new("chargeBoxSerialNumber", Str(25)),
            new("firmwareVersion", Str(50)),
            new("iccid", Str(20)),
            new("imsi", Str(20)),
            new("meterType", Str(25)),
            new("meterSerialNumber", Str(25)),
        ]),
        [Heartbeat] = Obj([]),
        [StatusNotification] = Obj(
        [
            new("connectorId", Int(), Required: true),
            new("errorCode", Enum(ErrorCodes16), Required: true),
            new("info", Str(50)),
            new("status", Enum(Statuses16), Required: true),
            new("timestamp", DateTime()),
            new("vendorId", Str(255)),
            new("vendorErrorCode", Str(50)),
        ]),
    };

    private static readonly Dictionary<string, OcppSchema> Requests201 = new(StringComparer.Ordinal)
    {
        [BootNotification] = Obj(
        [
            new("customData", CustomData),
            new("chargingStation", Obj(
            [
                new("customData", CustomData),
                new("serialNumber", Str(25)),
                new("model", Str(20), Required: true),
                new("modem", Obj([new("customData", CustomData), new("iccid", Str(20)), new("imsi", Str(20))])),
                new("vendorName", Str(50), Required: true),
                new("firmwareVersion", Str(50)),
            ]), Required: true),
            new("reason", Enum(BootReasons201), Required: true),
        ]),
        [Heartbeat] = Obj([new("customData", CustomData)]),
        [StatusNotification] = Obj(
        [
            new("customData", CustomData),
            new("timestamp", DateTime(), Required: true),
            new("connectorStatus", Enum(Statuses201), Required: true),
            new("evseId", Int(), Required: true),
            new("connectorId", Int(), Required: true),
        ]),
    };

    /// <summary>The schema of a request we handle; null for every other action.</summary>
    public static OcppSchema? Request(OcppProtocol protocol, string action) =>
        (protocol == OcppProtocol.Ocpp16 ? Requests16 : Requests201).GetValueOrDefault(action);
}
