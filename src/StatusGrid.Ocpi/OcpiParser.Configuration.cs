using System.Text.Json;
using StatusGrid.Ocpi.Credentials;
using StatusGrid.Ocpi.HubClientInfo;
using StatusGrid.Ocpi.Json;
using StatusGrid.Ocpi.Transport;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Ocpi.Versions;

namespace StatusGrid.Ocpi;

/// <summary>Parsers for the configuration modules (versions, credentials) and the response envelope.</summary>
public static partial class OcpiParser
{
    /// <summary>2.2.1/2.3.0 Credentials (with roles).</summary>
    public static OcpiParseResult<OcpiCredentials> ParseCredentials(ReadOnlySpan<byte> utf8Json, OcpiVersion version) =>
        ParseObject<OcpiCredentials>(utf8Json, version, CredentialsValidator.Validate);

    public static OcpiParseResult<OcpiCredentials> ParseCredentials(JsonElement element, OcpiVersion version) =>
        ParseObject<OcpiCredentials>(element, version, CredentialsValidator.Validate);

    /// <summary>Flat 2.1.1 Credentials.</summary>
    public static OcpiParseResult<CredentialsV211> ParseCredentialsV211(ReadOnlySpan<byte> utf8Json) =>
        ParseObject<CredentialsV211>(utf8Json, OcpiVersion.V211, CredentialsValidator.Validate);

    public static OcpiParseResult<CredentialsV211> ParseCredentialsV211(JsonElement element) =>
        ParseObject<CredentialsV211>(element, OcpiVersion.V211, CredentialsValidator.Validate);

    /// <summary>A ClientInfo a hub PUTs (HubClientInfo module, 2.2.1 and 2.3.0).</summary>
    public static OcpiParseResult<ClientInfo> ParseClientInfo(ReadOnlySpan<byte> utf8Json, OcpiVersion version) =>
        ParseObject<ClientInfo>(utf8Json, version, ClientInfoValidator.Validate);

    public static OcpiParseResult<ClientInfo> ParseClientInfo(JsonElement element, OcpiVersion version) =>
        ParseObject<ClientInfo>(element, version, ClientInfoValidator.Validate);

    /// <summary>The data of a versions GET: a JSON array of VersionInfo (all items must be valid).</summary>
    public static OcpiParseResult<IReadOnlyList<VersionInfo>> ParseVersionInfos(ReadOnlySpan<byte> utf8Json, OcpiVersion version)
    {
        if (!JsonDocuments.TryParse(utf8Json, out var document, out var syntaxError))
        {
            return new OcpiParseResult<IReadOnlyList<VersionInfo>>(null, [syntaxError!]);
        }

        using (document)
        {
            return ParseVersionInfos(document!.RootElement, version);
        }
    }

    public static OcpiParseResult<IReadOnlyList<VersionInfo>> ParseVersionInfos(JsonElement element, OcpiVersion version)
    {
        var result = ParseArray<VersionInfo>(element, version, VersionsValidator.Validate);
        if (result.Value is { Count: 0 } && result.Errors.Count == 0)
        {
            return new OcpiParseResult<IReadOnlyList<VersionInfo>>(null, [new OcpiValidationError(string.Empty, "the versions list must contain at least one version")]);
        }

        // A partly valid versions list would hide versions, so any error fails the whole list.
        return result.Errors.Count == 0 ? result : new OcpiParseResult<IReadOnlyList<VersionInfo>>(null, result.Errors);
    }

    public static OcpiParseResult<VersionDetails> ParseVersionDetails(ReadOnlySpan<byte> utf8Json, OcpiVersion version) =>
        ParseObject<VersionDetails>(utf8Json, version, VersionsValidator.Validate);

    public static OcpiParseResult<VersionDetails> ParseVersionDetails(JsonElement element, OcpiVersion version) =>
        ParseObject<VersionDetails>(element, version, VersionsValidator.Validate);

    /// <summary>
    /// The response envelope. <see cref="OcpiResponse{T}.Data"/> stays raw (ValueKind Undefined when absent) so
    /// the caller can parse it with the matching method, e.g. <see cref="ParseVersionInfos(JsonElement, OcpiVersion)"/>.
    /// </summary>
    public static OcpiParseResult<OcpiResponse<JsonElement>> ParseResponse(ReadOnlySpan<byte> utf8Json) =>
        ParseObject<OcpiResponse<JsonElement>>(utf8Json, OcpiVersion.V221, ValidateEnvelope);

    private static void ValidateEnvelope(ValidationContext ctx, string path, OcpiResponse<JsonElement> response)
    {
        if (response.StatusCode is < 1000 or > 9999)
        {
            ctx.Add(JsonPaths.Field(path, "status_code"), $"'status_code' must be a 4-digit OCPI status code, but is {response.StatusCode}");
        }

        FieldRules.Timestamp(ctx, JsonPaths.Field(path, "timestamp"), response.Timestamp);
    }
}
