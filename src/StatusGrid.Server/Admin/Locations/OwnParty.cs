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
        if (!string.Equals(location.CountryCode, ours.CountryCode, StringComparison.OrdinalIgnoreCase))
        {
            yield return new OcpiValidationError(prefix + (prefix.Length == 0 ? "" : ".") + "country_code",
                $"'{location.CountryCode}' is not our country code: partners know us as {ours.CountryCode}/{ours.PartyId} (StatusGrid:Ocpi:CountryCode).");
        }

        if (!string.Equals(location.PartyId, ours.PartyId, StringComparison.OrdinalIgnoreCase))
        {
            yield return new OcpiValidationError(prefix + (prefix.Length == 0 ? "" : ".") + "party_id",
                $"'{location.PartyId}' is not our party id: partners know us as {ours.CountryCode}/{ours.PartyId} (StatusGrid:Ocpi:PartyId).");
        }
    }

    public static IReadOnlyList<OcpiValidationError> Check(IReadOnlyList<Location> locations, OcpiOptions ours) =>
        [.. locations.SelectMany((location, index) => Check(location, ours, $"[{index}]"))];
}
