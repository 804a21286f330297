using System.Collections.Immutable;
using System.Text.Json;
using StatusGrid.Contracts.Registrations;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Credentials;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Server.OcpiApi.Credentials;

/// <summary>Credentials objects in and out, in the shape of each version (2.1.1 flat, 2.2+ with roles).</summary>
public static class CredentialsCodec
{
    /// <summary>Reads and validates a partner's credentials; errors name the offending field.</summary>
    public static (PartnerCredentials? Value, IReadOnlyList<OcpiValidationError> Errors) Read(JsonElement element, OcpiVersion version)
    {
        if (version == OcpiVersion.V211)
        {
            var flat = OcpiParser.ParseCredentialsV211(element);
            return flat.IsValid
                ? (new PartnerCredentials(flat.Value!.Token, flat.Value.Url,
                    [new OcpiPartyRole(null, flat.Value.CountryCode.ToUpperInvariant(), flat.Value.PartyId.ToUpperInvariant(), flat.Value.BusinessDetails.Name)], null), [])
                : (null, flat.Errors);
        }

        var parsed = OcpiParser.ParseCredentials(element, version);
        if (!parsed.IsValid)
        {
            return (null, parsed.Errors);
        }

        var credentials = parsed.Value!;
        var roles = credentials.Roles
            .Select(r => new OcpiPartyRole(RoleName(r.Role), r.CountryCode.ToUpperInvariant(), r.PartyId.ToUpperInvariant(), r.BusinessDetails.Name))
            .ToImmutableArray();
        return (new PartnerCredentials(credentials.Token, credentials.Url, roles, credentials.HubPartyId?.ToUpperInvariant()), []);
    }

    /// <summary>Our credentials: the token the partner is to use, our versions URL, our CPO role.</summary>
    public static object Ours(string token, string versionsUrl, OcpiOptions options, OcpiVersion version)
    {
        var business = new BusinessDetails { Name = options.BusinessName, Website = options.BusinessWebsite };
        if (version == OcpiVersion.V211)
        {
            return new CredentialsV211
            {
                Token = token,
                Url = versionsUrl,
                BusinessDetails = business,
                PartyId = options.PartyId,
                CountryCode = options.CountryCode,
            };
        }

        return new OcpiCredentials
        {
            Token = token,
            Url = versionsUrl,
            Roles = [new CredentialsRole { Role = Role.Cpo, BusinessDetails = business, PartyId = options.PartyId, CountryCode = options.CountryCode }],
        };
    }

    // Every Role member's OCPI name is its C# name in upper case (CPO, EMSP, HUB, NAP, NSP, OTHER, SCSP).
    private static string RoleName(Role role) => role.ToString().ToUpperInvariant();

    public static byte[] Serialize(object ours) => JsonSerializer.SerializeToUtf8Bytes(ours, ours.GetType(), OcpiJson.Options);
}
