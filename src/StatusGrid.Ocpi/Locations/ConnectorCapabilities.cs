using System.Collections.Frozen;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI 2.3.0 ConnectorCapability values (Connector.capabilities).</summary>
public static class ConnectorCapabilities
{
    public const string Iso15118_2PlugAndCharge = "ISO_15118_2_PLUG_AND_CHARGE";
    public const string Iso15118_20PlugAndCharge = "ISO_15118_20_PLUG_AND_CHARGE";

    /// <summary>True when OCPI 2.3.0 declares this an OpenEnum, so receivers must tolerate unknown values.</summary>
    public const bool IsOpenIn230 = true;

    private static readonly FrozenSet<string> V211 = FrozenSet<string>.Empty;

    private static readonly FrozenSet<string> V221 = FrozenSet<string>.Empty;

    private static readonly FrozenSet<string> V230 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            Iso15118_2PlugAndCharge,
            Iso15118_20PlugAndCharge,
        ]);

    /// <summary>The values the given version defines (case-sensitive).</summary>
    public static IReadOnlySet<string> Known(OcpiVersion version) => version switch
    {
        OcpiVersion.V211 => V211,
        OcpiVersion.V221 => V221,
        _ => V230,
    };
}
