using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Server.OcpiApi;

namespace StatusGrid.Server.Admin.Locations;

/// <summary>
/// A Location we publish must be ours: partners learn our party from the credentials' CPO role
/// (<c>StatusGrid:Ocpi:CountryCode</c>/<c>PartyId</c>), and every push goes to <c>/locations/{country_code}/{party_id}/...</c>
/// of the Location itself. One under another party would be refused by a strict eMSP, or filed under a party that
/// never handed it a token, so the admin API refuses it before anything is stored.
/// </summary>
internal static class OwnParty
{
    /// <param name="prefix">The Location's path in the request body: empty for a single PUT, <c>[3]</c> in an import.</param>
    public static IEnumerable<OcpiValidationError> Check(Location location, OcpiOptions ours, string prefix = "")
    {
        var at = prefix.Length == 0 ? "" : prefix + ".";
        return new[]
        {
            (Path: "country_code", Given: location.CountryCode, Ours: ours.CountryCode, What: "country code", Setting: nameof(OcpiOptions.CountryCode)),
            (Path: "party_id", Given: location.PartyId, Ours: ours.PartyId, What: "party id", Setting: nameof(OcpiOptions.PartyId)),
        }
        .Where(f => !string.Equals(f.Given, f.Ours, StringComparison.OrdinalIgnoreCase))
        .Select(f => new OcpiValidationError(at + f.Path,
            $"'{f.Given}' is not our {f.What}: partners know us as {ours.CountryCode}/{ours.PartyId} (StatusGrid:Ocpi:{f.Setting})."));
    }

    public static IReadOnlyList<OcpiValidationError> Check(IReadOnlyList<Location> locations, OcpiOptions ours) =>
        [.. locations.SelectMany((location, index) => Check(location, ours, $"[{index}]"))];
}
