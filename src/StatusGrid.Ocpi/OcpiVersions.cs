namespace StatusGrid.Ocpi;

/// <summary>Conversions between <see cref="OcpiVersion"/> and the OCPI VersionNumber strings.</summary>
public static class OcpiVersions
{
    public const string V211 = "2.1.1";
    public const string V221 = "2.2.1";
    public const string V230 = "2.3.0";

    public static string ToVersionString(this OcpiVersion version) => version switch
    {
        OcpiVersion.V211 => V211,
        OcpiVersion.V221 => V221,
        OcpiVersion.V230 => V230,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "unknown OCPI version"),
    };

    /// <summary>
    /// A version we stored or were configured with: a clear error for anything else, never a guess (a partner spoken
    /// to in the wrong version gets objects it cannot read).
    /// </summary>
    /// <exception cref="FormatException">Not "2.1.1", "2.2.1" or "2.3.0".</exception>
    public static OcpiVersion Parse(string? text) => TryParse(text, out var version)
        ? version
        : throw new FormatException($"'{text}' is not an OCPI version StatusGrid speaks (2.1.1, 2.2.1 or 2.3.0).");

    /// <summary>Exact match on "2.1.1", "2.2.1" or "2.3.0"; other VersionNumbers (2.0, 2.1, 2.2) are not supported.</summary>
    public static bool TryParse(string? text, out OcpiVersion version)
    {
        switch (text)
        {
            case V211: version = OcpiVersion.V211; return true;
            case V221: version = OcpiVersion.V221; return true;
            case V230: version = OcpiVersion.V230; return true;
            default: version = default; return false;
        }
    }
}
