using System.Collections.Frozen;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI Facility values (Location.facilities).</summary>
public static class Facilities
{
    public const string Hotel = "HOTEL";
    public const string Restaurant = "RESTAURANT";
    public const string Cafe = "CAFE";
    public const string Mall = "MALL";
    public const string Supermarket = "SUPERMARKET";
    public const string Sport = "SPORT";
    public const string RecreationArea = "RECREATION_AREA";
    public const string Nature = "NATURE";
    public const string Museum = "MUSEUM";
    public const string BikeSharing = "BIKE_SHARING";
    public const string BusStop = "BUS_STOP";
    public const string TaxiStand = "TAXI_STAND";
    public const string TramStop = "TRAM_STOP";
    public const string MetroStation = "METRO_STATION";
    public const string TrainStation = "TRAIN_STATION";
    public const string Airport = "AIRPORT";
    public const string ParkingLot = "PARKING_LOT";
    public const string CarpoolParking = "CARPOOL_PARKING";
    public const string FuelStation = "FUEL_STATION";
    public const string Wifi = "WIFI";

    /// <summary>True when OCPI 2.3.0 declares this an OpenEnum, so receivers must tolerate unknown values.</summary>
    public const bool IsOpenIn230 = true;

    private static readonly FrozenSet<string> V211 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            Hotel,
            Restaurant,
            Cafe,
            Mall,
            Supermarket,
            Sport,
            RecreationArea,
            Nature,
            Museum,
            BusStop,
            TaxiStand,
            TrainStation,
            Airport,
            CarpoolParking,
            FuelStation,
            Wifi,
        ]);

    private static readonly FrozenSet<string> V221 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            Hotel,
            Restaurant,
            Cafe,
            Mall,
            Supermarket,
            Sport,
            RecreationArea,
            Nature,
            Museum,
            BikeSharing,
            BusStop,
            TaxiStand,
            TramStop,
            MetroStation,
            TrainStation,
            Airport,
            ParkingLot,
            CarpoolParking,
            FuelStation,
            Wifi,
        ]);

    private static readonly FrozenSet<string> V230 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            Hotel,
            Restaurant,
            Cafe,
            Mall,
            Supermarket,
            Sport,
            RecreationArea,
            Nature,
            Museum,
            BikeSharing,
            BusStop,
            TaxiStand,
            TramStop,
            MetroStation,
            TrainStation,
            Airport,
            ParkingLot,
            CarpoolParking,
            FuelStation,
            Wifi,
        ]);

    /// <summary>The values the given version defines (case-sensitive).</summary>
    public static IReadOnlySet<string> Known(OcpiVersion version) => version switch
    {
        OcpiVersion.V211 => V211,
        OcpiVersion.V221 => V221,
        _ => V230,
    };
}
