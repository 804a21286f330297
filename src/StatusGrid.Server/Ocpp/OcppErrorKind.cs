using StatusGrid.Contracts.ChargePoints;

namespace StatusGrid.Server.Ocpp;

/// <summary>CALLERROR codes, spelled per version by <see cref="OcppErrors.Code"/>.</summary>
public enum OcppErrorKind
{
    NotImplemented,
    NotSupported,
    InternalError,
    ProtocolError,
    SecurityError,
    FormationViolation,
    PropertyConstraintViolation,
    OccurrenceConstraintViolation,
    TypeConstraintViolation,
    GenericError,
    MessageTypeNotSupported,
    RpcFrameworkError,
}

public static class OcppErrors
{
    /// <summary>
    /// OCPP-J 1.6 keeps two misspellings ("FormationViolation", "OccurenceConstraintViolation"; its errata say they
    /// will not be fixed); 2.0.1 spells them "FormatViolation" and "OccurrenceConstraintViolation" and adds
    /// MessageTypeNotSupported and RpcFrameworkError, which 1.6 answers as FormationViolation.
    /// </summary>
    public static string Code(OcppErrorKind kind, OcppProtocol protocol) => (kind, protocol) switch
    {
        (OcppErrorKind.FormationViolation, OcppProtocol.Ocpp16) => "FormationViolation",
        (OcppErrorKind.FormationViolation, _) => "FormatViolation",
        (OcppErrorKind.OccurrenceConstraintViolation, OcppProtocol.Ocpp16) => "OccurenceConstraintViolation",
        (OcppErrorKind.MessageTypeNotSupported or OcppErrorKind.RpcFrameworkError, OcppProtocol.Ocpp16) => "FormationViolation",
        _ => kind.ToString(),
    };
}
