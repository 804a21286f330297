using System.Net;
using System.Net.Http.Headers;

namespace StatusGrid.Server.Tests.OcpiApi;

/// <summary>
/// OCPI 2.2+ wants its headers on every answer, refusals included: X-Request-ID and X-Correlation-ID echoed, and on a
/// functional module the routing headers (OCPI-from/to-*). A 405 the Locations module gives for a method it does not
/// define is such an answer, so it carries exactly what the module's GET answers carry.
/// </summary>
public sealed class OcpiAnswerHeadersTests(SenderFixture fixture) : IClassFixture<SenderFixture>
{
    private StatusGridHost Host => fixture.Host;

    private static readonly string[] RoutingHeaders = ["OCPI-from-country-code", "OCPI-from-party-id", "OCPI-to-country-code", "OCPI-to-party-id"];

    [Fact]
    public async Task A_405_on_every_locations_route_carries_the_message_ids_and_the_routing_headers_of_a_get()
    {
        await using var emsp = await Host.RegisteredEmspAsync("AH-405");
        using var client = Host.Client(apiKey: null);
        var get = await SendAsync(client, emsp.TokenToCpo!, HttpMethod.Get, emsp.CpoLocationsUrl!, "get-1");
        Assert.Equal(HttpStatusCode.OK, get.Status);
        var routing = RoutingHeaders.ToDictionary(h => h, h => get.Headers.GetValues(h).Single());
        Assert.Equal(["NL", "SGR", "DE", "EMS"], routing.Values);

        string[] paths = ["", "/LS-00", "/LS-00/LS-00-E1", "/LS-00/LS-00-E1/1", "/NL/EMS/LOC1/EVSE1/1"];
        string[] methods = ["PUT", "POST", "PATCH", "DELETE", "HEAD", "OPTIONS"];
        var problems = new List<string>();
        foreach (var path in paths)
        {
            foreach (var method in methods)
            {
                var requestId = $"req-{method}-{path.Length}";
                var answer = await SendAsync(client, emsp.TokenToCpo!, new HttpMethod(method), emsp.CpoLocationsUrl + path, requestId);
                if (path.Count(c => c == '/') > 3 && method is "HEAD" or "OPTIONS")
                {
                    // The deeper paths are no route: only pushes meant for a receiver are 405 there, the rest 404.
                    continue;
                }

                var expected = new Dictionary<string, string>(routing)
                {
                    ["X-Request-ID"] = requestId,
                    ["X-Correlation-ID"] = "corr-" + requestId,
                };
                foreach (var (name, value) in expected)
                {
                    var actual = answer.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "(missing)";
                    if (actual != value)
                    {
                        problems.Add($"{method} {path}: {name} is {actual}, expected {value}");
                    }
                }

                if (answer.Status != HttpStatusCode.MethodNotAllowed)
                {
                    problems.Add($"{method} {path}: HTTP {(int)answer.Status}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task A_404_on_a_path_no_module_serves_echoes_the_message_ids_and_names_no_party()
    {
        await using var emsp = await Host.RegisteredEmspAsync("AH-404");
        using var client = Host.Client(apiKey: null);

        var answer = await SendAsync(client, emsp.TokenToCpo!, HttpMethod.Get, new Uri(Host.BaseAddress, "/ocpi/2.2.1/nothing").AbsoluteUri, "req-404");

        // The catch-all serves no module and reads no token, so it has no party to route to.
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("req-404", answer.Headers.GetValues("X-Request-ID").Single());
        Assert.Equal("corr-req-404", answer.Headers.GetValues("X-Correlation-ID").Single());
        Assert.All(RoutingHeaders, h => Assert.False(answer.Headers.Contains(h), h));
    }

    private static async Task<(HttpStatusCode Status, HttpResponseHeaders Headers)> SendAsync(
        HttpClient client, string token, HttpMethod method, string url, string requestId)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Authorization", "Token " + token);
        request.Headers.Add("X-Request-ID", requestId);
        request.Headers.Add("X-Correlation-ID", "corr-" + requestId);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Headers);
    }
}
