using System.Net;
using System.Text;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Ocpi.Tests.Transport;

/// <summary>The transport as the credentials handshake uses it: before a version is agreed, and learning the token encoding.</summary>
public sealed class HandshakeTransportTests
{
    private static readonly Uri Url = new("https://emsp.example.com/ocpi/versions");
    private const string Envelope = """{"data":[],"status_code":1000,"timestamp":"2026-01-01T00:00:00Z"}""";

    [Fact]
    public void Before_a_version_is_agreed_the_token_goes_base64_and_no_routing_headers_are_sent()
    {
        using var message = OcpiTransport.BuildRequest(new OcpiOutboundRequest(
            HttpMethod.Get, Url, "token-1", Version: null, From: new OcpiParty("NL", "SGR"), To: new OcpiParty("DE", "EMS")));

        Assert.Equal("Token dG9rZW4tMQ==", message.Headers.GetValues(OcpiHeaders.Authorization).Single());
        Assert.False(message.Headers.Contains(OcpiHeaders.ToCountryCode));
    }

    [Fact]
    public async Task A_partner_that_refuses_base64_is_asked_again_with_the_raw_token_and_the_answer_says_so()
    {
        var seen = new List<string>();
        using var client = new HttpClient(new Answering(request =>
        {
            var header = request.Headers.GetValues(OcpiHeaders.Authorization).Single();
            seen.Add(header);
            return header == "Token token-1" ? Json(HttpStatusCode.OK, Envelope) : Json(HttpStatusCode.Unauthorized, "");
        }));

        var (exchange, raw) = await OcpiTransport.SendTryingBothTokenEncodingsAsync(
            client, new OcpiOutboundRequest(HttpMethod.Get, Url, "token-1", null, RequireEnvelope: true), CancellationToken.None);

        Assert.Equal(OcpiOutcome.Success, exchange.Outcome);
        Assert.True(raw);
        Assert.Equal(["Token dG9rZW4tMQ==", "Token token-1"], seen);
    }

    [Fact]
    public async Task Once_2_1_1_is_agreed_a_refused_token_is_not_tried_in_another_encoding()
    {
        var calls = 0;
        using var client = new HttpClient(new Answering(_ =>
        {
            calls++;
            return Json(HttpStatusCode.Unauthorized, "");
        }));

        var (exchange, raw) = await OcpiTransport.SendTryingBothTokenEncodingsAsync(
            client, new OcpiOutboundRequest(HttpMethod.Get, Url, "token-1", OcpiVersion.V211), CancellationToken.None);

        Assert.Equal(OcpiOutcome.Unauthorized, exchange.Outcome);
        Assert.True(raw);
        Assert.Equal(1, calls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>welcome</html>")]
    [InlineData("""{"data":[]}""")]
    public async Task A_2xx_answer_without_an_envelope_fails_only_where_one_is_required(string body)
    {
        using var client = new HttpClient(new Answering(_ => Json(HttpStatusCode.OK, body)));

        var required = await OcpiTransport.SendAsync(client, new OcpiOutboundRequest(HttpMethod.Get, Url, "t", null, RequireEnvelope: true), CancellationToken.None);
        var optional = await OcpiTransport.SendAsync(client, new OcpiOutboundRequest(HttpMethod.Get, Url, "t", OcpiVersion.V221), CancellationToken.None);

        Assert.Equal(OcpiOutcome.InvalidEnvelope, required.Outcome);
        Assert.Equal("invalid_envelope", required.Kind);
        Assert.Equal("did not answer with a valid OCPI response envelope", required.Describe());
        Assert.Equal(OcpiOutcome.Success, optional.Outcome);
    }

    [Theory]
    [InlineData("2.1.1", OcpiVersion.V211)]
    [InlineData("2.2.1", OcpiVersion.V221)]
    [InlineData("2.3.0", OcpiVersion.V230)]
    public void A_version_we_speak_parses(string text, OcpiVersion expected) => Assert.Equal(expected, OcpiVersions.Parse(text));

    [Theory]
    [InlineData("2.2")]
    [InlineData("2.1")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_version_is_a_clear_error_never_2_2_1(string? text)
    {
        var error = Assert.Throws<FormatException>(() => OcpiVersions.Parse(text));

        Assert.Contains($"'{text}' is not an OCPI version", error.Message, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer(request));
    }
}
