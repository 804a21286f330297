using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace StatusGrid.Server.Tests.Hosting;

/// <summary>
/// Every route the host maps, read from the endpoint data source at run time (so routes added later are covered
/// without touching this test), is an operation of the OpenAPI document.
/// </summary>
public sealed class OpenApiDocumentTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>What cannot be described as an OpenAPI operation, and why.</summary>
    private static readonly (Func<RouteEndpoint, bool> Matches, string Reason)[] Undescribable =
    [
        (e => e.Metadata.GetMetadata<HubMetadata>() is not null, "SignalR hub: a WebSocket/SSE/long-polling protocol, not request/response operations"),
        (e => e.RoutePattern.RawText == "/metrics", "Prometheus scrape: text exposition format owned by the exporter"),
        (e => e.RoutePattern.RawText?.StartsWith("/openapi/", StringComparison.Ordinal) == true, "the OpenAPI document itself"),
        (e => e.RoutePattern.RawText?.StartsWith("/scalar", StringComparison.Ordinal) == true, "the HTML reference UI over the document (static assets)"),
        (e => e.RoutePattern.RawText == "/ocpi/{**rest}", "catch-all of unknown OCPI paths (any method): no operation lives there, it answers 404 in the OCPI envelope"),
        (e => e.RoutePattern.RawText?.StartsWith("/orleans-dashboard", StringComparison.Ordinal) == true, "the Orleans Dashboard: a third-party HTML UI with its own JSON feed"),
        (e => e.RoutePattern.RawText == "/ops", "the operations view's HTML page (its data, /api/ops/overview, is described)"),
        (e => e.RoutePattern.RawText == "/ocpp/{chargePointId}", "OCPP-J WebSocket upgrade: the charge point's messages are OCPP frames, not HTTP operations"),
    ];

    [Fact]
    public async Task Every_mapped_route_is_in_the_openapi_document()
    {
        using var document = await ReadDocumentAsync();
        var described = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(op => (Path: Normalize(p.Name), Method: op.Name.ToUpperInvariant())))
            .ToHashSet();

        var endpoints = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var missing = new List<string>();
        foreach (var endpoint in endpoints.Where(e => !Undescribable.Any(u => u.Matches(e))))
        {
            var path = Normalize(endpoint.RoutePattern.RawText!);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is null or { Count: 0 })
            {
                // Any method: at least one operation on that path.
                if (!described.Any(d => d.Path == path))
                {
                    missing.Add($"* {path}");
                }

                continue;
            }

            missing.AddRange(methods.Where(m => !described.Contains((path, m))).Select(m => $"{m} {path}"));
        }

        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found");
        Assert.True(missing.Count == 0, "Not in the OpenAPI document: " + string.Join(", ", missing));
        Assert.Contains(("/api/admin/locations", "GET"), described);
        Assert.Contains(("/api/admin/ocpi/registrations", "GET"), described);
    }

    [Fact]
    public async Task Ocpi_operations_document_their_parameters_and_success_envelope()
    {
        using var document = await ReadDocumentAsync();
        var paths = document.RootElement.GetProperty("paths");

        var list = paths.GetProperty("/ocpi/{version}/locations").GetProperty("get");
        var parameters = list.GetProperty("parameters").EnumerateArray()
            .Select(p => $"{p.GetProperty("in").GetString()}:{p.GetProperty("name").GetString()}").ToHashSet();
        Assert.Superset(new HashSet<string> { "path:version", "query:offset", "query:limit", "query:date_from", "query:date_to" }, parameters);
        Assert.True(list.GetProperty("responses").GetProperty("200").TryGetProperty("content", out _), list.ToString());

        var connector = paths.GetProperty("/ocpi/{version}/locations/{locationId}/{evseUid}/{connectorId}").GetProperty("get");
        var names = connector.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["connectorId", "evseUid", "locationId", "version"], names);
        foreach (var path in new[] { "/ocpi/{version}", "/ocpi/{version}/credentials", "/ocpi/versions" })
        {
            var get = paths.GetProperty(path).GetProperty("get");
            Assert.True(get.GetProperty("responses").GetProperty("200").TryGetProperty("content", out _), $"{path}: {get}");
        }
    }

    [Fact]
    public async Task Admin_edits_of_an_evse_or_a_connector_document_their_json_body()
    {
        using var document = await ReadDocumentAsync();
        var paths = document.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/admin/locations/{locationId}/{evseUid}", "/api/admin/locations/{locationId}/{evseUid}/{connectorId}" })
        {
            var put = paths.GetProperty(path).GetProperty("put");
            Assert.True(put.TryGetProperty("requestBody", out var body), $"{path}: {put}");
            Assert.True(body.GetProperty("content").TryGetProperty("application/json", out _), $"{path}: {body}");
        }
    }

    [Fact]
    public async Task The_reference_ui_answers_without_a_key_and_the_admin_index_only_with_the_admin_key()
    {
        using var client = fixture.Host.Client(apiKey: null);
        using var ui = await client.GetAsync("/scalar");
        Assert.True(ui.IsSuccessStatusCode, ui.StatusCode.ToString());

        // The index lists every admin route and whether the Orleans dashboard is on: operational state, so it takes
        // the admin key like every other route under /api/admin (SECURITY.md's table).
        using var anonymous = await client.GetAsync("/api/admin");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var ingest = fixture.Host.Client(StatusGridHost.IngestKey);
        using var ingestOnly = await ingest.GetAsync("/api/admin");
        Assert.True(ingestOnly.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden, ingestOnly.StatusCode.ToString());

        using var admin = fixture.Host.Client(StatusGridHost.AdminKey);
        using var index = await admin.GetAsync("/api/admin");
        Assert.Equal(System.Net.HttpStatusCode.OK, index.StatusCode);
        var routes = (await index.JsonAsync()).GetProperty("routes").EnumerateArray()
            .Select(r => $"{r.GetProperty("method").GetString()} {r.GetProperty("path").GetString()}").ToList();
        Assert.Contains("GET /api/admin/locations/", routes);
        Assert.Contains("POST /api/admin/partners/", routes);
        Assert.Contains("GET /api/admin/ocpi/registrations", routes);
    }

    private async Task<JsonDocument> ReadDocumentAsync()
    {
        using var client = fixture.Host.Client(apiKey: null);
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    // Route constraints and catch-all markers are not part of an OpenAPI path; a trailing slash is not significant.
    private static string Normalize(string path)
    {
        var segments = path.Split('/').Select(s => s.StartsWith('{') && s.EndsWith('}')
            ? "{" + s.Trim('{', '}').TrimStart('*').Split(':', '=')[0].TrimEnd('?') + "}"
            : s);
        var normalized = string.Join('/', segments).TrimEnd('/');
        return normalized.StartsWith('/') ? normalized : "/" + normalized;
    }
}
