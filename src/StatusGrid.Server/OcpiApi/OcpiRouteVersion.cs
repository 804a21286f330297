using System.Diagnostics.CodeAnalysis;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Server.OcpiApi;

/// <summary>The {version} segment of our OCPI URLs.</summary>
public static class OcpiRouteVersion
{
    public static readonly OcpiVersion[] Supported = [OcpiVersion.V211, OcpiVersion.V221, OcpiVersion.V230];

    /// <summary>The version <paramref name="segment"/> names, or the answer (HTTP 404, OCPI 3002) for a version we do not serve.</summary>
    /// <remarks>
    /// Bound as a string and parsed here rather than bound as <see cref="OcpiVersion"/>: a value minimal APIs cannot
    /// bind is answered with an empty 400 before any of our code runs, and an unknown version must be OCPI's 3002.
    /// </remarks>
    public static bool TryParse(string? segment, HttpContext context, out OcpiVersion version, [NotNullWhen(false)] out OcpiError? notServed)
    {
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
