namespace StatusGrid.Contracts.Evses;

/// <summary>
/// Grain keys. OCPI ids are CiStrings (case-insensitive), so keys are upper-cased: "loc1" and "LOC1" are one grain.
/// The '*' separator keeps keys from ever being all-hex (Orleans would store such a string key as an integer key).
/// </summary>
public static class EvseKey
{
    public static string Location(string locationId) => "L*" + locationId.ToUpperInvariant();

    /// <summary>
    /// The location id and EVSE uid joined by '*'. Both may hold a '*' themselves (EVSE uids often are eMI3 ids such
    /// as NL*ABC*E1), so a location id that holds one is joined by <see cref="AmbiguousSeparator"/> instead, which no
    /// OCPI id can hold (they are printable ASCII): "A*B" + "C" and "A" + "B*C" stay two EVSEs. Keys of every other id
    /// are as they always were.
    /// </summary>
    public static string Evse(string locationId, string evseUid)
    {
        var location = locationId.ToUpperInvariant();
        return string.Concat(location, location.Contains('*', StringComparison.Ordinal) ? AmbiguousSeparator : "*", evseUid.ToUpperInvariant());
    }

    /// <summary>Joins a location id holding a '*' to its EVSE uid (see <see cref="Evse"/>).</summary>
    public const string AmbiguousSeparator = "\u001F";

    /// <summary>
    /// The key such an EVSE had before <see cref="AmbiguousSeparator"/>, where its stored identity may still be; null
    /// for every other key.
    /// </summary>
    public static string? LegacyEvse(string key)
    {
        var at = key.IndexOf(AmbiguousSeparator, StringComparison.Ordinal);
        return at < 0 ? null : string.Concat(key.AsSpan(0, at), "*", key.AsSpan(at + 1));
    }

    public static string EvseId(string evseId) => "E*" + evseId.ToUpperInvariant();
}
