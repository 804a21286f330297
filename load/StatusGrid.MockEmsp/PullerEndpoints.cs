using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace StatusGrid.MockEmsp;

/// <summary>
/// A pull-only eMSP for the credentials handshake of the pull scenario: its versions and version details list a
/// credentials endpoint and no Locations receiver, so StatusGrid registers it (and answers with the token it is to
/// pull with) without subscribing it to pushes. Any token is accepted; the answers only have to be valid OCPI.
/// </summary>
public static class PullerEndpoints
{
    public const string VersionsPath = "/ocpi/puller/versions";

    private static readonly string[] Versions = ["2.1.1", "2.2.1", "2.3.0"];

    public static IEndpointRouteBuilder MapPuller(this IEndpointRouteBuilder app)
    {
        app.MapGet(VersionsPath, (HttpContext context) =>
            Envelope(Versions.Select(v => new { version = v, url = $"{Root(context)}/{v}" }).ToArray()));
        app.MapGet("/ocpi/puller/{version}", (HttpContext context, string version) =>
            Versions.Contains(version)
                ? Envelope(new { version, endpoints = Endpoints(Root(context), version) })
                : Results.NotFound());
        app.MapGet("/ocpi/puller/{version}/credentials", (HttpContext context, string version) =>
            Envelope(new { token = "puller", url = Root(context) + "/versions", roles = Array.Empty<object>() }));
        return app;
    }

    private static object[] Endpoints(string root, string version) => version == "2.1.1"
        ? [new { identifier = "credentials", url = $"{root}/{version}/credentials" }]
        : [new { identifier = "credentials", role = "SENDER", url = $"{root}/{version}/credentials" }];

    private static string Root(HttpContext context) => $"http://{context.Request.Host}/ocpi/puller";

    private static IResult Envelope(object data) => Results.Json(new Dictionary<string, object>
    {
        ["data"] = data,
        ["status_code"] = 1000,
        ["status_message"] = "Success",
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    });
}
