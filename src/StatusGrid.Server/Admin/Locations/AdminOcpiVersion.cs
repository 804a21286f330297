using Microsoft.AspNetCore.Http.HttpResults;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Server.Http;

namespace StatusGrid.Server.Admin.Locations;

/// <summary>
/// The rules admin Location input is checked against: <c>?ocpi_version=2.2.1</c> (default) or <c>2.3.0</c> (which
/// adds parking places, EVSE parking etc.; older partners receive those objects downgraded). 2.1.1 documents have a
/// different shape and are not accepted here.
/// </summary>
internal static class AdminOcpiVersion
{
    public static bool TryRead(HttpRequest request, out OcpiVersion version, out ProblemHttpResult? invalid)
    {
        var text = request.Query["ocpi_version"].ToString();
        invalid = null;
        version = OcpiVersion.V221;
        if (text.Length == 0 || (OcpiVersions.TryParse(text, out version) && version != OcpiVersion.V211))
        {
            return true;
        }

        invalid = ValidationProblems.For("Invalid OCPI version", [new OcpiValidationError("ocpi_version", $"'{ClientText.Prefix(text)}' is not accepted; use 2.2.1 or 2.3.0.")]);
        return false;
    }
}
