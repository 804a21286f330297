using System.Collections.Frozen;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI 2.1.1 LocationType values (the 2.1.1 Location.type, which 2.2 replaced with parking_type).</summary>
public static class LocationTypes
{
    public const string OnStreet = "ON_STREET";
    public const string ParkingGarage = "PARKING_GARAGE";
    public const string UndergroundGarage = "UNDERGROUND_GARAGE";
    public const string ParkingLot = "PARKING_LOT";
    public const string Other = "OTHER";
    public const string Unknown = "UNKNOWN";

    /// <summary>True when OCPI 2.3.0 declares this an OpenEnum, so receivers must tolerate unknown values.</summary>
    public const bool IsOpenIn230 = false;

    private static readonly FrozenSet<string> V211 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            OnStreet,
            ParkingGarage,
            UndergroundGarage,
            ParkingLot,
            Other,
            Unknown,
        ]);

    private static readonly FrozenSet<string> V221 = FrozenSet<string>.Empty;

    private static readonly FrozenSet<string> V230 = FrozenSet<string>.Empty;

    /// <summary>The values the given version defines (case-sensitive).</summary>
    public static IReadOnlySet<string> Known(OcpiVersion version) => version switch
    {
        OcpiVersion.V211 => V211,
        OcpiVersion.V221 => V221,
        _ => V230,
    };
}
