namespace StatusGrid.Contracts.Evses;

/// <summary>
/// Grain keys. OCPI ids are CiStrings (case-insensitive), so keys are upper-cased: "loc1" and "LOC1" are one grain.
/// The '*' separator keeps keys from ever being all-hex (Orleans would store such a string key as an integer key).
/// </summary>
public static class EvseKey
{
    public static string Location(string locationId) => "L*" + locationId.ToUpperInvariant();

    public static string Evse(string locationId, string evseUid) =>
        string.Concat(locationId.ToUpperInvariant(), "*", evseUid.ToUpperInvariant());

    public static string EvseId(string evseId) => "E*" + evseId.ToUpperInvariant();
}
