using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Storage;

/// <summary>EVSE statuses are stored as their OCPI strings: readable in the database and independent of enum order.</summary>
public static class EvseStatusCodes
{
    public static string ToCode(EvseStatus status) => EvseStatusNames.Of(status);

    public static EvseStatus Parse(string code) => EvseStatusNames.TryParse(code, out var status)
        ? status
        : throw new FormatException($"Unknown stored EVSE status '{code}'.");
}
