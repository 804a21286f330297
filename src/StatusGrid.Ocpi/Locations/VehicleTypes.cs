using System.Collections.Frozen;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI 2.3.0 VehicleType values (Parking.vehicle_types).</summary>
public static class VehicleTypes
{
    public const string Motorcycle = "MOTORCYCLE";
    public const string PersonalVehicle = "PERSONAL_VEHICLE";
    public const string PersonalVehicleWithTrailer = "PERSONAL_VEHICLE_WITH_TRAILER";
    public const string Van = "VAN";
    public const string SemiTractor = "SEMI_TRACTOR";
    public const string Rigid = "RIGID";
    public const string TruckWithTrailer = "TRUCK_WITH_TRAILER";
    public const string Bus = "BUS";
    public const string Disabled = "DISABLED";

    /// <summary>True when OCPI 2.3.0 declares this an OpenEnum, so receivers must tolerate unknown values.</summary>
    public const bool IsOpenIn230 = true;

    private static readonly FrozenSet<string> V211 = FrozenSet<string>.Empty;

    private static readonly FrozenSet<string> V221 = FrozenSet<string>.Empty;

    private static readonly FrozenSet<string> V230 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            Motorcycle,
            PersonalVehicle,
            PersonalVehicleWithTrailer,
            Van,
            SemiTractor,
            Rigid,
            TruckWithTrailer,
            Bus,
            Disabled,
        ]);

    /// <summary>The values the given version defines (case-sensitive).</summary>
    public static IReadOnlySet<string> Known(OcpiVersion version) => version switch
    {
        OcpiVersion.V211 => V211,
        OcpiVersion.V221 => V221,
        _ => V230,
    };
}
