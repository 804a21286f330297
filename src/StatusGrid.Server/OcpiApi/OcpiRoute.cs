using System.Diagnostics.CodeAnalysis;
using StatusGrid.Ocpi;
using StatusGrid.Server.OcpiApi.Auth;

namespace StatusGrid.Server.OcpiApi;

/// <summary>
/// What every <c>/ocpi/{version}/...</c> handler binds (<c>[AsParameters]</c>): the route's {version} and the request
/// it came with, whose caller <see cref="OcpiAuthFilter"/> has identified before the handler runs.
/// </summary>
public readonly record struct OcpiRoute(string Version, HttpContext Context)
{
    /// <summary>The partner behind the request's token.</summary>
    public OcpiCaller Caller => OcpiCaller.From(Context);

    /// <inheritdoc cref="OcpiRouteVersion.TryParse"/>
    public bool TryVersion(out OcpiVersion version, [NotNullWhen(false)] out OcpiError? notServed) =>
        OcpiRouteVersion.TryParse(Version, Context, out version, out notServed);
}
