using Microsoft.AspNetCore.Http.HttpResults;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Versions;
using StatusGrid.Server.OcpiApi.Auth;

namespace StatusGrid.Server.OcpiApi.Versions;

/// <summary>
/// The Versions module (configuration module, no routing headers). It must stay cheap: hubs poll it to check that
/// a party is alive.
/// </summary>
public static class VersionsEndpoints
{
    public static RouteGroupBuilder MapOcpiVersions(this RouteGroupBuilder ocpi)
    {
        ocpi.MapGet("/versions", List).RequireOcpiToken(OcpiModule.Versions);
        ocpi.MapGet("/{version}", Details).RequireOcpiToken(OcpiModule.Versions);
        ocpi.MapOtherMethods("/versions", [HttpMethods.Get], "the versions module is read-only").RequireOcpiToken(OcpiModule.Versions);
        ocpi.MapOtherMethods("/{version}", [HttpMethods.Get], "the versions module is read-only").RequireOcpiToken(OcpiModule.Versions);
        return ocpi;
    }

    private static OcpiOk<List<VersionInfo>> List(HttpContext context, OcpiUrls urls) =>
        OcpiResults.Ok(context, OcpiRouteVersion.Supported
            .Select(v => new VersionInfo { Version = v.ToVersionString(), Url = urls.VersionDetails(context, v) })
            .ToList());

    private static Results<OcpiOk<VersionDetails>, OcpiError> Details([AsParameters] OcpiRoute route, OcpiUrls urls)
    {
        if (!route.TryVersion(out var version, out var notServed))
        {
            return notServed;
        }

        var context = route.Context;

        // 2.1.1 endpoints have no role. From 2.2 on, our credentials endpoint is advertised as SENDER (the spec: the
        // role means nothing for credentials) and Locations as SENDER, the CPO's pull interface.
        InterfaceRole? sender = version == OcpiVersion.V211 ? null : InterfaceRole.Sender;
        List<OcpiEndpoint> endpoints =
        [
            new OcpiEndpoint { Identifier = ModuleId.Credentials, Role = sender, Url = urls.Credentials(context, version) },
            new OcpiEndpoint { Identifier = ModuleId.Locations, Role = sender, Url = urls.Locations(context, version) },
        ];
        if (version != OcpiVersion.V211)
        {
            // Listed for every caller: a hub reads these details with its token A, before we know it is a hub.
            endpoints.Add(new OcpiEndpoint { Identifier = ModuleId.HubClientInfo, Role = InterfaceRole.Receiver, Url = urls.HubClientInfo(context, version) });
        }

        return OcpiResults.Ok(context, new VersionDetails { Version = version.ToVersionString(), Endpoints = endpoints });
    }
}
