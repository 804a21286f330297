using System.Collections.Frozen;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI ImageCategory values (Image.category).</summary>
public static class ImageCategories
{
    public const string Charger = "CHARGER";
    public const string Entrance = "ENTRANCE";
    public const string Location = "LOCATION";
    public const string Network = "NETWORK";
    public const string Operator = "OPERATOR";
    public const string Other = "OTHER";
    public const string Owner = "OWNER";

    /// <summary>True when OCPI 2.3.0 declares this an OpenEnum, so receivers must tolerate unknown values.</summary>
    public const bool IsOpenIn230 = true;

    private static readonly FrozenSet<string> V211 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            Charger,
            Entrance,
            Location,
            Network,
            Operator,
            Other,
            Owner,
        ]);

    private static readonly FrozenSet<string> V221 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            Charger,
            Entrance,
            Location,
            Network,
            Operator,
            Other,
            Owner,
        ]);

    private static readonly FrozenSet<string> V230 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            Charger,
            Entrance,
            Location,
            Network,
            Operator,
            Other,
            Owner,
        ]);

    /// <summary>The values the given version defines (case-sensitive).</summary>
    public static IReadOnlySet<string> Known(OcpiVersion version) => version switch
    {
        OcpiVersion.V211 => V211,
        OcpiVersion.V221 => V221,
        _ => V230,
    };
}
