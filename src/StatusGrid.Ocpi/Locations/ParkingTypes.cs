using System.Collections.Frozen;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI ParkingType values (Location.parking_type). 2.1.1 has LocationType instead; this model field is mapped to it when shaping for 2.1.1, so the 2.2.1 list applies there too.</summary>
public static class ParkingTypes
{
    public const string AlongMotorway = "ALONG_MOTORWAY";
    public const string ParkingGarage = "PARKING_GARAGE";
    public const string ParkingLot = "PARKING_LOT";
    public const string OnDriveway = "ON_DRIVEWAY";
    public const string OnStreet = "ON_STREET";
    public const string UndergroundGarage = "UNDERGROUND_GARAGE";

    /// <summary>True when OCPI 2.3.0 declares this an OpenEnum, so receivers must tolerate unknown values.</summary>
    public const bool IsOpenIn230 = true;

    private static readonly FrozenSet<string> V211 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            AlongMotorway,
            ParkingGarage,
            ParkingLot,
            OnDriveway,
            OnStreet,
            UndergroundGarage,
        ]);

    private static readonly FrozenSet<string> V221 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            AlongMotorway,
            ParkingGarage,
            ParkingLot,
            OnDriveway,
            OnStreet,
            UndergroundGarage,
        ]);

    private static readonly FrozenSet<string> V230 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            AlongMotorway,
            ParkingGarage,
            ParkingLot,
            OnDriveway,
            OnStreet,
            UndergroundGarage,
        ]);

    /// <summary>The values the given version defines (case-sensitive).</summary>
    public static IReadOnlySet<string> Known(OcpiVersion version) => version switch
    {
        OcpiVersion.V211 => V211,
        OcpiVersion.V221 => V221,
        _ => V230,
    };
}
