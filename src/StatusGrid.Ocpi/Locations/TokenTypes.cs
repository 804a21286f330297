using System.Collections.Frozen;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI TokenType values (PublishTokenType.type).</summary>
public static class TokenTypes
{
    public const string AdHocUser = "AD_HOC_USER";
    public const string AppUser = "APP_USER";
    public const string Other = "OTHER";
    public const string Rfid = "RFID";

    /// <summary>True when OCPI 2.3.0 declares this an OpenEnum, so receivers must tolerate unknown values.</summary>
    public const bool IsOpenIn230 = true;

    private static readonly FrozenSet<string> V211 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            Other,
            Rfid,
        ]);

    private static readonly FrozenSet<string> V221 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            AdHocUser,
            AppUser,
            Other,
            Rfid,
        ]);

    private static readonly FrozenSet<string> V230 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            AdHocUser,
            AppUser,
            Other,
            Rfid,
        ]);

    /// <summary>The values the given version defines (case-sensitive).</summary>
    public static IReadOnlySet<string> Known(OcpiVersion version) => version switch
    {
        OcpiVersion.V211 => V211,
        OcpiVersion.V221 => V221,
        _ => V230,
    };
}
