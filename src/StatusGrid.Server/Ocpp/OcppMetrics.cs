using System.Diagnostics.Metrics;

namespace StatusGrid.Server.Ocpp;

/// <summary>Meter "StatusGrid.Ocpp". No label takes station-controlled text (an identity is chosen by the caller).</summary>
public static class OcppMetrics
{
    public const string MeterName = "StatusGrid.Ocpp";
    public const string PasswordChecksRefusedName = "statusgrid.ocpp.password_checks_refused";
    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> PasswordChecksRefused = Meter.CreateCounter<long>(PasswordChecksRefusedName,
        description: "OCPP connects answered 503 because every PBKDF2 slot was busy and the password check queue was full");

    public static void PasswordCheckRefused() => PasswordChecksRefused.Add(1);
}
