using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Storage;

/// <summary>EVSE statuses are stored as their OCPI strings: readable in the database and independent of enum order.</summary>
public static class EvseStatusCodes
{
    public static string ToCode(EvseStatus status) => status switch
    {
        EvseStatus.Available => "AVAILABLE",
        EvseStatus.Blocked => "BLOCKED",
        EvseStatus.Charging => "CHARGING",
        EvseStatus.Inoperative => "INOPERATIVE",
        EvseStatus.OutOfOrder => "OUTOFORDER",
        EvseStatus.Planned => "PLANNED",
        EvseStatus.Removed => "REMOVED",
        EvseStatus.Reserved => "RESERVED",
        EvseStatus.Unknown => "UNKNOWN",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static EvseStatus Parse(string code) => code switch
    {
        "AVAILABLE" => EvseStatus.Available,
        "BLOCKED" => EvseStatus.Blocked,
        "CHARGING" => EvseStatus.Charging,
        "INOPERATIVE" => EvseStatus.Inoperative,
        "OUTOFORDER" => EvseStatus.OutOfOrder,
        "PLANNED" => EvseStatus.Planned,
        "REMOVED" => EvseStatus.Removed,
        "RESERVED" => EvseStatus.Reserved,
        "UNKNOWN" => EvseStatus.Unknown,
        _ => throw new FormatException($"Unknown stored EVSE status '{code}'."),
    };
}
