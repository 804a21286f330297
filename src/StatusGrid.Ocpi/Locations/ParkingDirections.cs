using System.Collections.Frozen;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI 2.3.0 ParkingDirection values (Parking.direction).</summary>
public static class ParkingDirections
{
    public const string Parallel = "PARALLEL";
    public const string Perpendicular = "PERPENDICULAR";
    public const string Angle = "ANGLE";

    /// <summary>True when OCPI 2.3.0 declares this an OpenEnum, so receivers must tolerate unknown values.</summary>
    public const bool IsOpenIn230 = false;

    private static readonly FrozenSet<string> V211 = FrozenSet<string>.Empty;

    private static readonly FrozenSet<string> V221 = FrozenSet<string>.Empty;

    private static readonly FrozenSet<string> V230 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            Parallel,
            Perpendicular,
            Angle,
        ]);

    /// <summary>The values the given version defines (case-sensitive).</summary>
    public static IReadOnlySet<string> Known(OcpiVersion version) => version switch
    {
        OcpiVersion.V211 => V211,
        OcpiVersion.V221 => V221,
        _ => V230,
    };
}
