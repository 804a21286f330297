using StatusGrid.Ocpi.Credentials;
using StatusGrid.Ocpi.Json;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Ocpi.Validation;

/// <summary>Checks Credentials objects: 2.2.1/2.3.0 with roles, and the flat 2.1.1 form.</summary>
public static class CredentialsValidator
{
    public static IReadOnlyList<OcpiValidationError> Validate(OcpiCredentials credentials, OcpiVersion version)
    {
        var ctx = new ValidationContext(version);
        Validate(ctx, string.Empty, credentials);
        return ctx.Errors;
    }

    public static IReadOnlyList<OcpiValidationError> Validate(CredentialsV211 credentials)
    {
        var ctx = new ValidationContext(OcpiVersion.V211);
        Validate(ctx, string.Empty, credentials);
        return ctx.Errors;
    }

    internal static void Validate(ValidationContext ctx, string path, OcpiCredentials credentials)
    {
        if (ctx.Version == OcpiVersion.V211)
        {
            ctx.Add(path, "OCPI 2.1.1 credentials are flat (token, url, business_details, party_id, country_code); use CredentialsV211");
        }

        Token(ctx, JsonPaths.Field(path, "token"), credentials.Token);
        FieldRules.RequiredUrl(ctx, JsonPaths.Field(path, "url"), credentials.Url);
        var rolesPath = JsonPaths.Field(path, "roles");
        if (ListRules.NotEmpty(ctx, rolesPath, credentials.Roles))
        {
            ListRules.Each(ctx, rolesPath, credentials.Roles, RoleEntry);
            ListRules.UniqueKeys(ctx, rolesPath, credentials.Roles,
                static r => $"{OcpiEnumNames.Of(r.Role)}/{r.CountryCode}/{r.PartyId}", "role");
        }

        var hubPath = JsonPaths.Field(path, "hub_party_id");
        if (credentials.HubPartyId is not null && ctx.Version != OcpiVersion.V230)
        {
            ctx.Add(hubPath, "'hub_party_id' exists only in OCPI 2.3.0");
        }
        else
        {
            FieldRules.OptionalCiString(ctx, hubPath, credentials.HubPartyId, 5);
        }
    }

    internal static void Validate(ValidationContext ctx, string path, CredentialsV211 credentials)
    {
        Token(ctx, JsonPaths.Field(path, "token"), credentials.Token);
        FieldRules.RequiredUrl(ctx, JsonPaths.Field(path, "url"), credentials.Url);
        BusinessDetails(ctx, JsonPaths.Field(path, "business_details"), credentials.BusinessDetails);
        PartyRules.PartyId(ctx, JsonPaths.Field(path, "party_id"), credentials.PartyId);
        PartyRules.CountryCode(ctx, JsonPaths.Field(path, "country_code"), credentials.CountryCode);
    }

    private static void RoleEntry(ValidationContext ctx, string path, CredentialsRole role)
    {
        var rolePath = JsonPaths.Field(path, "role");
        FieldRules.Defined(ctx, rolePath, role.Role);
        if (role.Role == Role.Hub && ctx.Version == OcpiVersion.V230)
        {
            ctx.Add(rolePath, "'role' HUB was removed in OCPI 2.3.0");
        }

        BusinessDetails(ctx, JsonPaths.Field(path, "business_details"), role.BusinessDetails);
        PartyRules.PartyId(ctx, JsonPaths.Field(path, "party_id"), role.PartyId);
        PartyRules.CountryCode(ctx, JsonPaths.Field(path, "country_code"), role.CountryCode);
    }

    private static void BusinessDetails(ValidationContext ctx, string path, Locations.BusinessDetails? details)
    {
        if (details is null)
        {
            ctx.Add(path, $"'{JsonPaths.Leaf(path)}' is required");
            return;
        }

        ImageRules.BusinessDetails(ctx, path, details);
    }

    private static void Token(ValidationContext ctx, string path, string? token)
    {
        if (FieldRules.Present(ctx, path, token) && !OcpiToken.IsValidToken(token))
        {
            ctx.Add(path, "'token' must be at most 64 printable ASCII characters without whitespace");
        }
    }
}
