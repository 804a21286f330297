using Microsoft.Extensions.Options;
using StatusGrid.Ocpi;

namespace StatusGrid.Server.OcpiApi;

/// <summary>The URLs we publish: /ocpi/versions, /ocpi/{version}, /ocpi/{version}/credentials, /ocpi/{version}/locations.</summary>
public sealed class OcpiUrls(IOptions<OcpiOptions> options)
{
    public string Base(HttpContext context)
    {
        if (options.Value.PublicBaseUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var request = context.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
    }

    public string Versions(HttpContext context) => Base(context) + "/ocpi/versions";

    public string VersionDetails(HttpContext context, OcpiVersion version) => $"{Base(context)}/ocpi/{version.ToVersionString()}";

    public string Credentials(HttpContext context, OcpiVersion version) => VersionDetails(context, version) + "/credentials";

    public string Locations(HttpContext context, OcpiVersion version) => VersionDetails(context, version) + "/locations";

    public string HubClientInfo(HttpContext context, OcpiVersion version) => VersionDetails(context, version) + "/hubclientinfo";
}
