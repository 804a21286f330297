using System.Collections.Frozen;

namespace StatusGrid.Ocpi.Versions;

/// <summary>OCPI VersionNumber values as they appear in version lists (2.0, 2.1 and 2.2 are deprecated).</summary>
public static class VersionNumbers
{
    public const string V20 = "2.0";
    public const string V21 = "2.1";
    public const string V211 = "2.1.1";
    public const string V22 = "2.2";
    public const string V221 = "2.2.1";
    public const string V230 = "2.3.0";

    public static IReadOnlySet<string> Known { get; } = FrozenSet.Create(StringComparer.Ordinal, [V20, V21, V211, V22, V221, V230]);
}
