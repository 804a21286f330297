using System.Collections.Frozen;
using StatusGrid.Contracts.ChargePoints;

namespace StatusGrid.Server.Ocpp;

/// <summary>
/// Every action name each version defines (1.6 with the Security Whitepaper's, 2.0.1 FINAL), in both directions: a
/// name in the list that we do not handle is answered NotSupported, any other name NotImplemented.
/// </summary>
public static class OcppActions
{
    private static readonly FrozenSet<string> Known16 = FrozenSet.Create(StringComparer.Ordinal,
        "Authorize", "BootNotification", "CancelReservation", "CertificateSigned", "ChangeAvailability", "ChangeConfiguration",
        "ClearCache", "ClearChargingProfile", "DataTransfer", "DeleteCertificate", "DiagnosticsStatusNotification",
        "ExtendedTriggerMessage", "FirmwareStatusNotification", "GetCompositeSchedule", "GetConfiguration", "GetDiagnostics",
        "GetInstalledCertificateIds", "GetLocalListVersion", "GetLog", "Heartbeat", "InstallCertificate", "LogStatusNotification",
        "MeterValues", "RemoteStartTransaction", "RemoteStopTransaction", "ReserveNow", "Reset", "SecurityEventNotification",
        "SendLocalList", "SetChargingProfile", "SignCertificate", "SignedFirmwareStatusNotification", "SignedUpdateFirmware",
        "StartTransaction", "StatusNotification", "StopTransaction", "TriggerMessage", "UnlockConnector", "UpdateFirmware");

    private static readonly FrozenSet<string> Known201 = FrozenSet.Create(StringComparer.Ordinal,
        "Authorize", "BootNotification", "CancelReservation", "CertificateSigned", "ChangeAvailability", "ClearCache",
        "ClearChargingProfile", "ClearDisplayMessage", "ClearVariableMonitoring", "ClearedChargingLimit", "CostUpdated",
        "CustomerInformation", "DataTransfer", "DeleteCertificate", "FirmwareStatusNotification", "Get15118EVCertificate",
        "GetBaseReport", "GetCertificateStatus", "GetChargingProfiles", "GetCompositeSchedule", "GetDisplayMessages",
        "GetInstalledCertificateIds", "GetLocalListVersion", "GetLog", "GetMonitoringReport", "GetReport",
        "GetTransactionStatus", "GetVariables", "Heartbeat", "InstallCertificate", "LogStatusNotification", "MeterValues",
        "NotifyChargingLimit", "NotifyCustomerInformation", "NotifyDisplayMessages", "NotifyEVChargingNeeds",
        "NotifyEVChargingSchedule", "NotifyEvent", "NotifyMonitoringReport", "NotifyReport", "PublishFirmware",
        "PublishFirmwareStatusNotification", "ReportChargingProfiles", "RequestStartTransaction", "RequestStopTransaction",
        "ReservationStatusUpdate", "ReserveNow", "Reset", "SecurityEventNotification", "SendLocalList", "SetChargingProfile",
        "SetDisplayMessage", "SetMonitoringBase", "SetMonitoringLevel", "SetNetworkProfile", "SetVariableMonitoring",
        "SetVariables", "SignCertificate", "StatusNotification", "TransactionEvent", "TriggerMessage", "UnlockConnector",
        "UnpublishFirmware", "UpdateFirmware");

    public static int Count(OcppProtocol protocol) => Known(protocol).Count;

    public static bool IsKnown(OcppProtocol protocol, string action) => Known(protocol).Contains(action);

    private static FrozenSet<string> Known(OcppProtocol protocol) => protocol == OcppProtocol.Ocpp16 ? Known16 : Known201;
}
