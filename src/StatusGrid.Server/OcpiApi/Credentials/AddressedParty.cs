using StatusGrid.Contracts.Registrations;

namespace StatusGrid.Server.OcpiApi.Credentials;

/// <summary>
/// The party our requests to a partner address (OCPI-to-*). A roaming hub is addressed as itself: 2.3.0 names it in
/// hub_party_id, 2.2.1 lists it as role HUB. Otherwise the eMSP role, else the first role the partner has.
/// </summary>
public static class AddressedParty
{
    public static (string CountryCode, string PartyId, bool ViaHub) Choose(PartnerCredentials credentials)
    {
        if (credentials.HubPartyId is { Length: 5 } hub)
        {
            return (hub[..2], hub[2..], true);
        }

        if (credentials.Roles.FirstOrDefault(r => r.Role == "HUB") is { } hubRole)
        {
            return (hubRole.CountryCode, hubRole.PartyId, true);
        }

        var party = credentials.Roles.FirstOrDefault(r => r.Role == "EMSP") ?? credentials.Roles[0];
        return (party.CountryCode, party.PartyId, false);
    }
}
