using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Server.OcpiApi;

/// <summary>The {version} segment of our OCPI URLs.</summary>
public static class OcpiRouteVersion
{
    public static readonly OcpiVersion[] Supported = [OcpiVersion.V211, OcpiVersion.V221, OcpiVersion.V230];

    /// <summary>The version of the route, or an answer (HTTP 404, OCPI 3002) for a version we do not serve.</summary>
    public static bool TryGet(HttpContext context, out OcpiVersion version, out IResult? notServed)
    {
        var segment = context.GetRouteValue("version") as string;
        if (OcpiVersions.TryParse(segment, out version))
        {
            notServed = null;
            return true;
        }

        notServed = OcpiResults.Error(context, OcpiStatusCode.UnsupportedVersion,
            $"OCPI version '{segment}' is not served here; supported: 2.1.1, 2.2.1, 2.3.0 (see /ocpi/versions)", StatusCodes.Status404NotFound);
        return false;
    }
}
