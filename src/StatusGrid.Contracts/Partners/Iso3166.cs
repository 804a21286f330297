using System.Collections.Frozen;

namespace StatusGrid.Contracts.Partners;

/// <summary>
/// ISO 3166-1 country codes. An OCPI Location's <c>country</c> is alpha-3 (NLD, BEL, DEU); people write alpha-2
/// (NL, BE, DE) as often, and OCPI's party <c>country_code</c> is alpha-2. Filters accept both and compare alpha-3.
/// A table rather than <c>RegionInfo</c>: the server runs with invariant globalization (no ICU data).
/// </summary>
public static class Iso3166
{
    // alpha-2 alpha-3 pairs, officially assigned codes.
    private const string Pairs =
        "AD AND AE ARE AF AFG AG ATG AI AIA AL ALB AM ARM AO AGO AQ ATA AR ARG AS ASM AT AUT AU AUS AW ABW AX ALA AZ AZE " +
        "BA BIH BB BRB BD BGD BE BEL BF BFA BG BGR BH BHR BI BDI BJ BEN BL BLM BM BMU BN BRN BO BOL BQ BES BR BRA BS BHS " +
        "BT BTN BV BVT BW BWA BY BLR BZ BLZ CA CAN CC CCK CD COD CF CAF CG COG CH CHE CI CIV CK COK CL CHL CM CMR CN CHN " +
        "CO COL CR CRI CU CUB CV CPV CW CUW CX CXR CY CYP CZ CZE DE DEU DJ DJI DK DNK DM DMA DO DOM DZ DZA EC ECU EE EST " +
        "EG EGY EH ESH ER ERI ES ESP ET ETH FI FIN FJ FJI FK FLK FM FSM FO FRO FR FRA GA GAB GB GBR GD GRD GE GEO GF GUF " +
        "GG GGY GH GHA GI GIB GL GRL GM GMB GN GIN GP GLP GQ GNQ GR GRC GS SGS GT GTM GU GUM GW GNB GY GUY HK HKG HM HMD " +
        "HN HND HR HRV HT HTI HU HUN ID IDN IE IRL IL ISR IM IMN IN IND IO IOT IQ IRQ IR IRN IS ISL IT ITA JE JEY JM JAM " +
        "JO JOR JP JPN KE KEN KG KGZ KH KHM KI KIR KM COM KN KNA KP PRK KR KOR KW KWT KY CYM KZ KAZ LA LAO LB LBN LC LCA " +
        "LI LIE LK LKA LR LBR LS LSO LT LTU LU LUX LV LVA LY LBY MA MAR MC MCO MD MDA ME MNE MF MAF MG MDG MH MHL MK MKD " +
        "ML MLI MM MMR MN MNG MO MAC MP MNP MQ MTQ MR MRT MS MSR MT MLT MU MUS MV MDV MW MWI MX MEX MY MYS MZ MOZ NA NAM " +
        "NC NCL NE NER NF NFK NG NGA NI NIC NL NLD NO NOR NP NPL NR NRU NU NIU NZ NZL OM OMN PA PAN PE PER PF PYF PG PNG " +
        "PH PHL PK PAK PL POL PM SPM PN PCN PR PRI PS PSE PT PRT PW PLW PY PRY QA QAT RE REU RO ROU RS SRB RU RUS RW RWA " +
        "SA SAU SB SLB SC SYC SD SDN SE SWE SG SGP SH SHN SI SVN SJ SJM SK SVK SL SLE SM SMR SN SEN SO SOM SR SUR SS SSD " +
        "ST STP SV SLV SX SXM SY SYR SZ SWZ TC TCA TD TCD TF ATF TG TGO TH THA TJ TJK TK TKL TL TLS TM TKM TN TUN TO TON " +
        "TR TUR TT TTO TV TUV TW TWN TZ TZA UA UKR UG UGA UM UMI US USA UY URY UZ UZB VA VAT VC VCT VE VEN VG VGB VI VIR " +
        "VN VNM VU VUT WF WLF WS WSM YE YEM YT MYT ZA ZAF ZM ZMB ZW ZWE";

    private static readonly FrozenDictionary<string, string> Alpha3ByAlpha2 = Pairs.Split(' ')
        .Chunk(2)
        .ToFrozenDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> Alpha3Codes = Alpha3ByAlpha2.Values.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The upper-case alpha-3 code for an alpha-2 or alpha-3 code; null when it is neither.</summary>
    public static string? ToAlpha3(string? code) => code switch
    {
        { Length: 2 } when Alpha3ByAlpha2.TryGetValue(code, out var alpha3) => alpha3,
        { Length: 3 } when Alpha3Codes.Contains(code) => code.ToUpperInvariant(),
        _ => null,
    };

    /// <summary>
    /// The alpha-3 code to compare, for any string: a known alpha-2 or alpha-3 code becomes alpha-3, anything else is
    /// only upper-cased (a Location may carry a code that is not officially assigned; it still matches itself).
    /// </summary>
    public static string Normalize(string code) => ToAlpha3(code) ?? code.ToUpperInvariant();
}
