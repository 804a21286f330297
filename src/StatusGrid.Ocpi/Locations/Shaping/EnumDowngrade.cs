using System.Collections.Frozen;

namespace StatusGrid.Ocpi.Locations.Shaping;

/// <summary>
/// Maps enum-like values that an older version lacks to the closest value it has, or drops them.
/// The choices, documented on <see cref="LocationShapes"/>, keep what a driver needs to know.
/// </summary>
internal static class EnumDowngrade
{
    // NACS (SAE J3400) is the Tesla "Model S" connector, standardised.
    private static readonly FrozenDictionary<string, string> ConnectorTo221 = new Dictionary<string, string>
    {
        [ConnectorTypes.SaeJ3400] = ConnectorTypes.TeslaS,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // A NEMA 5-20 receptacle also takes NEMA 5-15 plugs, which is what DOMESTIC_B is.
    private static readonly FrozenDictionary<string, string> ConnectorTo211 = new Dictionary<string, string>
    {
        [ConnectorTypes.SaeJ3400] = ConnectorTypes.TeslaS,
        [ConnectorTypes.Nema5_20] = ConnectorTypes.DomesticB,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // The 2.3.0 group restrictions still mean "not for everyone"; CUSTOMERS is the closest older value.
    private static readonly FrozenDictionary<string, string> Restrictions = new Dictionary<string, string>
    {
        ["EMPLOYEES"] = ParkingRestrictions.Customers,
        ["TAXIS"] = ParkingRestrictions.Customers,
        ["TENANTS"] = ParkingRestrictions.Customers,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string? ConnectorType(string value, OcpiVersion target) =>
        Map(value, ConnectorTypes.Known(target), target == OcpiVersion.V211 ? ConnectorTo211 : ConnectorTo221);

    public static string? ParkingRestriction(string value, OcpiVersion target) =>
        Map(value, ParkingRestrictions.Known(target), Restrictions);

    /// <summary>Keeps a value the target knows, maps it if a mapping exists, otherwise null (drop).</summary>
    public static string? Map(string value, IReadOnlySet<string> known, IReadOnlyDictionary<string, string>? mapping = null)
    {
        if (known.Contains(value))
        {
            return value;
        }

        return mapping is not null && mapping.TryGetValue(value, out var mapped) && known.Contains(mapped) ? mapped : null;
    }

    /// <summary>Maps each value, drops the unmappable, removes duplicates; null stays null.</summary>
    public static IReadOnlyList<string>? List(IReadOnlyList<string>? values, Func<string, string?> map)
    {
        if (values is null)
        {
            return null;
        }

        var result = new List<string>(values.Count);
        foreach (var value in values)
        {
            if (map(value) is { } mapped && !result.Contains(mapped))
            {
                result.Add(mapped);
            }
        }

        return result;
    }
}
