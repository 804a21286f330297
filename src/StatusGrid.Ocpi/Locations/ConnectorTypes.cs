using System.Collections.Frozen;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI ConnectorType values (Connector.standard).</summary>
public static class ConnectorTypes
{
    public const string Chademo = "CHADEMO";
    public const string Chaoji = "CHAOJI";
    public const string DomesticA = "DOMESTIC_A";
    public const string DomesticB = "DOMESTIC_B";
    public const string DomesticC = "DOMESTIC_C";
    public const string DomesticD = "DOMESTIC_D";
    public const string DomesticE = "DOMESTIC_E";
    public const string DomesticF = "DOMESTIC_F";
    public const string DomesticG = "DOMESTIC_G";
    public const string DomesticH = "DOMESTIC_H";
    public const string DomesticI = "DOMESTIC_I";
    public const string DomesticJ = "DOMESTIC_J";
    public const string DomesticK = "DOMESTIC_K";
    public const string DomesticL = "DOMESTIC_L";
    public const string DomesticM = "DOMESTIC_M";
    public const string DomesticN = "DOMESTIC_N";
    public const string DomesticO = "DOMESTIC_O";
    public const string GbtAc = "GBT_AC";
    public const string GbtDc = "GBT_DC";
    public const string Iec60309_2Single16 = "IEC_60309_2_single_16";
    public const string Iec60309_2Three16 = "IEC_60309_2_three_16";
    public const string Iec60309_2Three32 = "IEC_60309_2_three_32";
    public const string Iec60309_2Three64 = "IEC_60309_2_three_64";
    public const string Iec62196T1 = "IEC_62196_T1";
    public const string Iec62196T1Combo = "IEC_62196_T1_COMBO";
    public const string Iec62196T2 = "IEC_62196_T2";
    public const string Iec62196T2Combo = "IEC_62196_T2_COMBO";
    public const string Iec62196T3a = "IEC_62196_T3A";
    public const string Iec62196T3c = "IEC_62196_T3C";
    public const string Mcs = "MCS";
    public const string Nema5_20 = "NEMA_5_20";
    public const string Nema6_30 = "NEMA_6_30";
    public const string Nema6_50 = "NEMA_6_50";
    public const string Nema10_30 = "NEMA_10_30";
    public const string Nema10_50 = "NEMA_10_50";
    public const string Nema14_30 = "NEMA_14_30";
    public const string Nema14_50 = "NEMA_14_50";
    public const string PantographBottomUp = "PANTOGRAPH_BOTTOM_UP";
    public const string PantographTopDown = "PANTOGRAPH_TOP_DOWN";
    public const string SaeJ3400 = "SAE_J3400";
    public const string TeslaR = "TESLA_R";
    public const string TeslaS = "TESLA_S";

    /// <summary>True when OCPI 2.3.0 declares this an OpenEnum, so receivers must tolerate unknown values.</summary>
    public const bool IsOpenIn230 = true;

    private static readonly FrozenSet<string> V211 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            Chademo,
            DomesticA,
            DomesticB,
            DomesticC,
            DomesticD,
            DomesticE,
            DomesticF,
            DomesticG,
            DomesticH,
            DomesticI,
            DomesticJ,
            DomesticK,
            DomesticL,
            Iec60309_2Single16,
            Iec60309_2Three16,
            Iec60309_2Three32,
            Iec60309_2Three64,
            Iec62196T1,
            Iec62196T1Combo,
            Iec62196T2,
            Iec62196T2Combo,
            Iec62196T3a,
            Iec62196T3c,
            TeslaR,
            TeslaS,
        ]);

    private static readonly FrozenSet<string> V221 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            Chademo,
            Chaoji,
            DomesticA,
            DomesticB,
            DomesticC,
            DomesticD,
            DomesticE,
            DomesticF,
            DomesticG,
            DomesticH,
            DomesticI,
            DomesticJ,
            DomesticK,
            DomesticL,
            DomesticM,
            DomesticN,
            DomesticO,
            GbtAc,
            GbtDc,
            Iec60309_2Single16,
            Iec60309_2Three16,
            Iec60309_2Three32,
            Iec60309_2Three64,
            Iec62196T1,
            Iec62196T1Combo,
            Iec62196T2,
            Iec62196T2Combo,
            Iec62196T3a,
            Iec62196T3c,
            Nema5_20,
            Nema6_30,
            Nema6_50,
            Nema10_30,
            Nema10_50,
            Nema14_30,
            Nema14_50,
            PantographBottomUp,
            PantographTopDown,
            TeslaR,
            TeslaS,
        ]);

    private static readonly FrozenSet<string> V230 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            Chademo,
            Chaoji,
            DomesticA,
            DomesticB,
            DomesticC,
            DomesticD,
            DomesticE,
            DomesticF,
            DomesticG,
            DomesticH,
            DomesticI,
            DomesticJ,
            DomesticK,
            DomesticL,
            DomesticM,
            DomesticN,
            DomesticO,
            GbtAc,
            GbtDc,
            Iec60309_2Single16,
            Iec60309_2Three16,
            Iec60309_2Three32,
            Iec60309_2Three64,
            Iec62196T1,
            Iec62196T1Combo,
            Iec62196T2,
            Iec62196T2Combo,
            Iec62196T3a,
            Iec62196T3c,
            Mcs,
            Nema5_20,
            Nema6_30,
            Nema6_50,
            Nema10_30,
            Nema10_50,
            Nema14_30,
            Nema14_50,
            PantographBottomUp,
            PantographTopDown,
            SaeJ3400,
            TeslaR,
            TeslaS,
        ]);

    /// <summary>The values the given version defines (case-sensitive).</summary>
    public static IReadOnlySet<string> Known(OcpiVersion version) => version switch
    {
        OcpiVersion.V211 => V211,
        OcpiVersion.V221 => V221,
        _ => V230,
    };
}
