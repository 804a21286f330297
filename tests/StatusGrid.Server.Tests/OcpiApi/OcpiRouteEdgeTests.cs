using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.OcpiApi;

/// <summary>
/// The edges of the OCPI routes' request binding: paging values that are not numbers, empty or repeated, a {version}
/// we do not serve on every versioned module, and methods the modules do not define. Each is the partner's mistake,
/// so each is an OCPI envelope with the status the transport layer gives it, never a 500 or an empty 400.
/// </summary>
public sealed class OcpiRouteEdgeTests(SenderFixture fixture) : IClassFixture<SenderFixture>
{
    private StatusGridHost Host => fixture.Host;

    [Theory]
    [InlineData("RE-P1", "offset=abc", "'offset' must be a non-negative integer, but is 'abc'")]
    [InlineData("RE-P2", "offset=1&offset=2", "'offset' must be a non-negative integer, but is '1,2'")]
    [InlineData("RE-P3", "offset=%2B5", "'offset' must be a non-negative integer, but is '+5'")]
    [InlineData("RE-P4", "limit=99999999999", "'limit' must be a non-negative integer, but is '99999999999'")]
    [InlineData("RE-P5", "limit=2.5", "'limit' must be a non-negative integer, but is '2.5'")]
    [InlineData("RE-P6", "LIMIT=x", "'limit' must be a non-negative integer, but is 'x'")]
    public async Task A_paging_value_that_is_not_a_non_negative_int_is_2001_quoting_it(string partnerId, string query, string message)
    {
        await using var emsp = await Host.RegisteredEmspAsync(partnerId);

        var (headers, envelope) = await AnswerAsync(emsp, HttpMethod.Get, emsp.CpoLocationsUrl + "?" + query, HttpStatusCode.OK, 2001);

        Assert.Equal(message, Message(envelope));
        Assert.False(envelope.TryGetProperty("data", out _));
        Assert.False(headers.Contains("X-Total-Count"));
    }

    [Theory]
    [InlineData("RE-L1", "offset", "'offset' must be a non-negative integer, but is '1111")]
    [InlineData("RE-L2", "date_from", "'date_from' is not an OCPI DateTime ('1111")]
    public async Task A_long_bad_paging_value_is_quoted_only_by_a_short_prefix(string partnerId, string name, string start)
    {
        await using var emsp = await Host.RegisteredEmspAsync(partnerId);

        var (_, envelope) = await AnswerAsync(emsp, HttpMethod.Get, emsp.CpoLocationsUrl + $"?{name}={new string('1', 4999)}x", HttpStatusCode.OK, 2001);

        // SECURITY.md: error answers quote at most a short prefix of client input.
        var message = Message(envelope)!;
        Assert.StartsWith(start, message, StringComparison.Ordinal);
        Assert.True(message.Length < 200, $"{message.Length} characters: {message[..Math.Min(200, message.Length)]}");
    }

    [Fact]
    public async Task Empty_paging_values_mean_the_defaults()
    {
        await using var emsp = await Host.RegisteredEmspAsync("RE-EMPTY");

        var (headers, envelope) = await AnswerAsync(emsp, HttpMethod.Get, emsp.CpoLocationsUrl + "?offset=&limit=&date_from=&date_to=", HttpStatusCode.OK, 1000);

        Assert.Equal(SenderFixture.MaxPageSize, envelope.GetProperty("data").GetArrayLength());
        Assert.Equal("10", headers.GetValues("X-Limit").Single());
        Assert.Equal("20", headers.GetValues("X-Total-Count").Single());
        Assert.Equal("<" + emsp.CpoLocationsUrl + "?offset=10&limit=10>; rel=\"next\"", headers.GetValues("Link").Single());
        Assert.Equal("SGR", headers.GetValues("OCPI-from-party-id").Single());
        Assert.Equal("EMS", headers.GetValues("OCPI-to-party-id").Single());
    }

    [Theory]
    [InlineData("RE-V1", "GET", "/ocpi/9.9.9")]
    [InlineData("RE-V2", "GET", "/ocpi/9.9.9/credentials")]
    [InlineData("RE-V3", "POST", "/ocpi/9.9.9/credentials")]
    [InlineData("RE-V4", "PUT", "/ocpi/9.9.9/credentials")]
    [InlineData("RE-V5", "DELETE", "/ocpi/9.9.9/credentials")]
    [InlineData("RE-V6", "GET", "/ocpi/9.9.9/locations")]
    [InlineData("RE-V7", "GET", "/ocpi/9.9.9/locations?offset=abc")]
    [InlineData("RE-V8", "GET", "/ocpi/9.9.9/locations/LS-00")]
    [InlineData("RE-V9", "GET", "/ocpi/9.9.9/locations/LS-00/LS-00-E1")]
    [InlineData("RE-V10", "GET", "/ocpi/9.9.9/locations/LS-00/LS-00-E1/1")]
    [InlineData("RE-V11", "GET", "/ocpi/9.9.9/hubclientinfo/NL/ABC")]
    [InlineData("RE-V12", "PUT", "/ocpi/9.9.9/hubclientinfo/NL/ABC")]
    public async Task A_version_we_do_not_serve_is_404_with_3002_on_every_versioned_route(string partnerId, string method, string path)
    {
        await using var emsp = await Host.RegisteredEmspAsync(partnerId);

        var (headers, envelope) = await AnswerAsync(emsp, new HttpMethod(method), new Uri(Host.BaseAddress, path).AbsoluteUri, HttpStatusCode.NotFound, 3002,
            method is "GET" or "DELETE" ? null : "{}");

        Assert.Equal("OCPI version '9.9.9' is not served here; supported: 2.1.1, 2.2.1, 2.3.0 (see /ocpi/versions)", Message(envelope));
        Assert.True(headers.Contains("X-Request-ID"));
        Assert.False(headers.Contains("OCPI-to-party-id"));
    }

    [Theory]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    [InlineData("TRACE")]
    public async Task A_method_a_known_route_does_not_define_is_405_with_allow_in_the_envelope(string method)
    {
        await using var emsp = await Host.RegisteredEmspAsync("RE-M-" + method);
        (string Url, string Allow)[] routes =
        [
            (emsp.CpoLocationsUrl!, "GET"),
            (emsp.CpoLocationsUrl + "/LS-00", "GET"),
            (emsp.CpoLocationsUrl + "/LS-00/LS-00-E1", "GET"),
            (emsp.CpoLocationsUrl + "/LS-00/LS-00-E1/1", "GET"),
            (emsp.CpoCredentialsUrl!, "GET, POST, PUT, DELETE"),
            (emsp.CpoHubClientInfoUrl + "/NL/ABC", "GET, PUT"),
            (Host.VersionsUrl(), "GET"),
            (new Uri(Host.BaseAddress, "/ocpi/2.2.1").AbsoluteUri, "GET"),
        ];

        foreach (var (url, allow) in routes)
        {
            using var response = await emsp.SendToCpoAsync(new HttpMethod(method), url);

            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
            if (method != "HEAD")
            {
                // A HEAD answer has no body; the others carry the envelope, naming what the route does allow.
                var envelope = await response.OcpiJsonAsync();
                Assert.Equal(2000, envelope.OcpiStatus());
                Assert.StartsWith($"{method} is not allowed on {new Uri(url).AbsolutePath}", Message(envelope), StringComparison.Ordinal);
                Assert.EndsWith("; allowed: " + allow, Message(envelope), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_receiver_style_push_to_our_sender_is_405_at_any_depth()
    {
        await using var emsp = await Host.RegisteredEmspAsync("RE-PUSH");

        using var response = await emsp.SendToCpoAsync(HttpMethod.Put, emsp.CpoLocationsUrl + "/NL/EMS/LOC1/EVSE1/1", "{}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET", string.Join(", ", response.Content.Headers.Allow));
        Assert.Equal(2000, (await response.OcpiJsonAsync()).OcpiStatus());
    }

    [Theory]
    [InlineData("GET", "/ocpi/2.2.1/nothing")]
    [InlineData("OPTIONS", "/ocpi/2.2.1/nothing")]
    [InlineData("GET", "/ocpi/2.2.1/locations/LS-00/LS-00-E1/1/extra")]
    public async Task A_path_no_module_serves_is_404_in_the_envelope_whatever_the_method(string method, string path)
    {
        await using var emsp = await Host.RegisteredEmspAsync($"RE-U-{method}-{path.Length}");

        var (_, envelope) = await AnswerAsync(emsp, new HttpMethod(method), new Uri(Host.BaseAddress, path).AbsoluteUri, HttpStatusCode.NotFound, 2000,
            method == "POST" ? "{}" : null);

        Assert.Equal("No OCPI endpoint at " + path + "; start at /ocpi/versions", Message(envelope));
    }

    [Fact]
    public async Task A_long_unknown_path_is_quoted_only_by_a_short_prefix_even_without_a_token()
    {
        using var client = Host.Client(apiKey: null);
        var path = "/ocpi/2.2.1/" + new string('p', 5000);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var message = Message(await response.OcpiJsonAsync())!;
        Assert.StartsWith("No OCPI endpoint at /ocpi/2.2.1/ppp", message, StringComparison.Ordinal);
        Assert.EndsWith("; start at /ocpi/versions", message, StringComparison.Ordinal);
        Assert.True(message.Length < 200, $"{message.Length} characters: {message[..Math.Min(200, message.Length)]}");
    }

    [Fact]
    public async Task A_long_path_refused_with_405_is_quoted_only_by_a_short_prefix()
    {
        await using var emsp = await Host.RegisteredEmspAsync("RE-L405");

        using var response = await emsp.SendToCpoAsync(HttpMethod.Put, emsp.CpoLocationsUrl + "/" + new string('q', 5000), "{}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var message = Message(await response.OcpiJsonAsync())!;
        Assert.StartsWith("PUT is not allowed on /ocpi/", message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('q', 100), message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_token_is_401_naming_the_token_scheme()
    {
        using var client = Host.Client(apiKey: null);
        foreach (var path in new[] { "/ocpi/versions", "/ocpi/9.9.9/locations", "/ocpi/2.2.1/locations/LS-00" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Authorization", "Token not-one-of-ours");

            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Token", response.Headers.WwwAuthenticate.ToString());
            Assert.Equal("Unknown or revoked credentials token", (await response.OcpiJsonAsync()).GetProperty("status_message").GetString());
        }
    }

    [Fact]
    public async Task Credentials_patch_is_405_in_the_envelope_naming_what_to_do_instead()
    {
        await using var emsp = await Host.RegisteredEmspAsync("RE-CP");

        var (_, envelope) = await AnswerAsync(emsp, HttpMethod.Patch, emsp.CpoCredentialsUrl!, HttpStatusCode.MethodNotAllowed, 2000, "{}");

        Assert.Equal("PATCH is not allowed on /ocpi/2.2.1/credentials (credentials are replaced whole: PUT the full object); allowed: GET, POST, PUT, DELETE", Message(envelope));
    }

    [Fact]
    public async Task An_unknown_evse_or_connector_names_the_object_in_the_404()
    {
        await using var emsp = await Host.RegisteredEmspAsync("RE-404");

        async Task<string?> MessageAsync(string path)
        {
            var (headers, envelope) = await AnswerAsync(emsp, HttpMethod.Get, emsp.CpoLocationsUrl + path, HttpStatusCode.NotFound, 2003);
            Assert.Equal("EMS", headers.GetValues("OCPI-to-party-id").Single());
            return Message(envelope);
        }

        Assert.Equal("Unknown location 'NOPE'", await MessageAsync("/NOPE"));
        Assert.Equal("Unknown EVSE 'NOPE' at location 'LS-00'", await MessageAsync("/ls-00/NOPE"));
        Assert.Equal("Unknown connector '9' of EVSE 'LS-00-E1' at location 'LS-00'", await MessageAsync("/LS-00/ls-00-e1/9"));
    }

    [Fact]
    public async Task A_query_value_named_like_a_route_part_does_not_select_an_evse()
    {
        await using var emsp = await Host.RegisteredEmspAsync("RE-Q");

        var (_, envelope) = await AnswerAsync(emsp, HttpMethod.Get, emsp.CpoLocationsUrl + "/LS-00?evseUid=LS-00-E1&connectorId=1", HttpStatusCode.OK, 1000);

        var data = envelope.GetProperty("data");
        Assert.Equal("LS-00", data.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Array, data.GetProperty("evses").ValueKind);
    }

    /// <summary>
    /// Sends one request to our CPO side as <paramref name="emsp"/> and checks the answer's HTTP status and OCPI
    /// status_code; the headers and the envelope are for the test's own checks.
    /// </summary>
    private static async Task<(HttpResponseHeaders Headers, JsonElement Envelope)> AnswerAsync(
        MockEmsp emsp, HttpMethod method, string url, HttpStatusCode httpStatus, int ocpiStatus, string? body = null)
    {
        using var response = await emsp.SendToCpoAsync(method, url, body);
        Assert.Equal(httpStatus, response.StatusCode);
        var envelope = await response.OcpiJsonAsync();
        Assert.Equal(ocpiStatus, envelope.OcpiStatus());
        return (response.Headers, envelope);
    }

    private static string? Message(JsonElement envelope) => envelope.GetProperty("status_message").GetString();
}
