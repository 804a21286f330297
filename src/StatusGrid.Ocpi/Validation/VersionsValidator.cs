using StatusGrid.Ocpi.Versions;

namespace StatusGrid.Ocpi.Validation;

/// <summary>Checks the versions list and version details of the Versions module.</summary>
public static class VersionsValidator
{
    public static IReadOnlyList<OcpiValidationError> Validate(IReadOnlyList<VersionInfo> versions, OcpiVersion version)
    {
        var ctx = new ValidationContext(version);
        if (ListRules.NotEmpty(ctx, string.Empty, versions))
        {
            ListRules.Each(ctx, string.Empty, versions, Validate);
        }

        return ctx.Errors;
    }

    public static IReadOnlyList<OcpiValidationError> Validate(VersionDetails details, OcpiVersion version)
    {
        var ctx = new ValidationContext(version);
        Validate(ctx, string.Empty, details);
        return ctx.Errors;
    }

    internal static void Validate(ValidationContext ctx, string path, VersionInfo info)
    {
        VersionNumber(ctx, JsonPaths.Field(path, "version"), info.Version);
        FieldRules.RequiredUrl(ctx, JsonPaths.Field(path, "url"), info.Url);
    }

    internal static void Validate(ValidationContext ctx, string path, VersionDetails details)
    {
        VersionNumber(ctx, JsonPaths.Field(path, "version"), details.Version);
        var endpointsPath = JsonPaths.Field(path, "endpoints");
        if (ListRules.NotEmpty(ctx, endpointsPath, details.Endpoints))
        {
            ListRules.Each(ctx, endpointsPath, details.Endpoints, Endpoint);
        }
    }

    private static void Endpoint(ValidationContext ctx, string path, OcpiEndpoint endpoint)
    {
        // Custom modules are allowed in every version, so the identifier is not checked against ModuleId.Known.
        FieldRules.RequiredCiString(ctx, JsonPaths.Field(path, "identifier"), endpoint.Identifier, 255);
        var rolePath = JsonPaths.Field(path, "role");
        if (endpoint.Role is { } role)
        {
            FieldRules.Defined(ctx, rolePath, role);
        }
        else if (ctx.Version != OcpiVersion.V211)
        {
            ctx.Add(rolePath, "'role' is required");
        }

        FieldRules.RequiredUrl(ctx, JsonPaths.Field(path, "url"), endpoint.Url);
    }

    private static void VersionNumber(ValidationContext ctx, string path, string? value) =>
        FieldRules.Enum(ctx, path, value, VersionNumbers.Known, openIn230: true);
}
