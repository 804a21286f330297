using StatusGrid.Contracts.Registrations;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Server.OcpiApi.Credentials;

/// <summary>Builds the registration a completed handshake leaves behind.</summary>
public static class Registrations
{
    /// <param name="ourTokenHash">Hash of the one token the partner may use from now on (every older one is revoked).</param>
    public static OcpiRegistration Registered(OcpiRegistration current, PartnerProfile profile, PartnerCredentials credentials, string ourTokenHash)
    {
        var (country, party, viaHub) = AddressedParty.Choose(credentials);
        return current with
        {
            Status = OcpiRegistrationStatus.Registered,
            TokenHashes = [ourTokenHash],
            Version = profile.Version,
            VersionsUrl = credentials.Url,
            CredentialsUrl = profile.CredentialsUrl,
            LocationsUrl = profile.LocationsUrl,
            Endpoints = profile.Endpoints,
            Roles = credentials.Roles,
            HubPartyId = credentials.HubPartyId,
            TheirToken = credentials.Token,
            RawTokenHeader = profile.RawTokenHeader,
            ToCountryCode = country,
            ToPartyId = party,
            ViaHub = viaHub,
        };
    }
}
