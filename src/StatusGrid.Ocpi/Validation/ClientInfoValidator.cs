using StatusGrid.Ocpi.Credentials;
using StatusGrid.Ocpi.HubClientInfo;

namespace StatusGrid.Ocpi.Validation;

/// <summary>Checks ClientInfo objects (HubClientInfo exists from 2.2 on; 2.3.0 no longer knows role HUB).</summary>
public static class ClientInfoValidator
{
    internal static void Validate(ValidationContext ctx, string path, ClientInfo info)
    {
        if (ctx.Version == OcpiVersion.V211)
        {
            ctx.Add(path, "OCPI 2.1.1 has no HubClientInfo module");
        }

        PartyRules.PartyId(ctx, JsonPaths.Field(path, "party_id"), info.PartyId);
        PartyRules.CountryCode(ctx, JsonPaths.Field(path, "country_code"), info.CountryCode);
        var rolePath = JsonPaths.Field(path, "role");
        FieldRules.Defined(ctx, rolePath, info.Role);
        if (info.Role == Role.Hub && ctx.Version == OcpiVersion.V230)
        {
            ctx.Add(rolePath, "'role' HUB was removed in OCPI 2.3.0");
        }

        FieldRules.Defined(ctx, JsonPaths.Field(path, "status"), info.Status);
        FieldRules.Timestamp(ctx, JsonPaths.Field(path, "last_updated"), info.LastUpdated);
    }
}
