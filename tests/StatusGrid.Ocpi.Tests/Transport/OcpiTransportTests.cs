using System.Net;
using System.Text;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Ocpi.Tests.Transport;

public sealed class OcpiTransportTests
{
    private static readonly Uri Url = new("https://emsp.example.com/ocpi/2.2.1/locations/NL/SGR/L1");

    [Fact]
    public void Every_request_gets_its_own_request_and_correlation_ids_on_every_version()
    {
        var seen = new List<string>();
        foreach (var version in new[] { OcpiVersion.V211, OcpiVersion.V221, OcpiVersion.V230 })
        {
            for (var i = 0; i < 3; i++)
            {
                using var message = OcpiTransport.BuildRequest(new OcpiOutboundRequest(HttpMethod.Get, Url, "token-1", version));
                seen.Add(message.Headers.GetValues(OcpiHeaders.RequestId).Single());
                seen.Add(message.Headers.GetValues(OcpiHeaders.CorrelationId).Single());
            }
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public void Message_ids_are_distinct_version_4_uuids_in_their_usual_text_form()
    {
        var ids = Enumerable.Range(0, 100_000).Select(_ => OcpiMessageId.New()).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id =>
        {
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
            Assert.Equal(id, Guid.Parse(id).ToString());
        });
        // Not a fixed pattern: every hex digit outside the version and variant varies.
        for (var position = 0; position < 36; position++)
        {
            if (position is 8 or 13 or 14 or 18 or 23)
            {
                continue;
            }

            Assert.True(ids.Select(id => id[position]).Distinct().Count() > (position == 19 ? 3 : 15), $"position {position}");
        }
    }

    [Theory]
    [InlineData(OcpiVersion.V211, false, "Token token-1")]
    [InlineData(OcpiVersion.V221, false, "Token dG9rZW4tMQ==")]
    [InlineData(OcpiVersion.V230, false, "Token dG9rZW4tMQ==")]
    [InlineData(OcpiVersion.V221, true, "Token token-1")]
    public void The_token_is_raw_for_2_1_1_and_base64_from_2_2(OcpiVersion version, bool raw, string expected)
    {
        using var message = OcpiTransport.BuildRequest(new OcpiOutboundRequest(HttpMethod.Get, Url, "token-1", version, raw));

        Assert.Equal(expected, message.Headers.GetValues(OcpiHeaders.Authorization).Single());
    }

    [Fact]
    public void Routing_headers_go_only_to_2_2_and_later()
    {
        var from = new OcpiParty("NL", "SGR");
        var to = new OcpiParty("DE", "EMS");
        using var v221 = OcpiTransport.BuildRequest(new OcpiOutboundRequest(HttpMethod.Put, Url, "t", OcpiVersion.V221, From: from, To: to));
        using var v211 = OcpiTransport.BuildRequest(new OcpiOutboundRequest(HttpMethod.Put, Url, "t", OcpiVersion.V211, From: from, To: to));

        Assert.Equal("DE", v221.Headers.GetValues(OcpiHeaders.ToCountryCode).Single());
        Assert.Equal("SGR", v221.Headers.GetValues(OcpiHeaders.FromPartyId).Single());
        Assert.False(v211.Headers.Contains(OcpiHeaders.ToCountryCode));
    }

    [Fact]
    public async Task An_answer_over_the_bound_is_cut_and_classified_too_large()
    {
        var exchange = await SendAsync(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new EndlessStream()) }, maxBytes: 4096);

        Assert.Equal(OcpiOutcome.TooLarge, exchange.Outcome);
        Assert.Empty(exchange.Body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_answer_is_read_whole_with_or_without_a_content_length(bool withLength)
    {
        var envelope = "{\"status_code\":2001,\"status_message\":\"" + new string('x', 150) + "\",\"timestamp\":\"2026-11-29T00:00:00Z\"}";
        var bytes = Encoding.UTF8.GetBytes(envelope);
        var exchange = await SendAsync(_ =>
        {
            HttpContent content = withLength ? new ByteArrayContent(bytes) : new StreamContent(new TrickleStream(bytes));
            Assert.Equal(withLength, content.Headers.ContentLength is not null);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        Assert.Equal(bytes, exchange.Body.ToArray());
        Assert.Equal(OcpiOutcome.OcpiError, exchange.Outcome);
        Assert.Equal(2001, exchange.OcpiStatus);
    }

    [Fact]
    public async Task A_redirect_is_an_outcome_not_followed()
    {
        var exchange = await SendAsync(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Found) { Content = new StringContent("") };
            response.Headers.Location = new Uri("http://169.254.169.254/");
            return response;
        });

        Assert.Equal(OcpiOutcome.Redirect, exchange.Outcome);
        Assert.Equal("http_302", exchange.Kind);
    }

    [Fact]
    public async Task Partner_chosen_ocpi_codes_never_mint_new_metric_kinds()
    {
        var kinds = new HashSet<string>();
        for (var code = 1000; code < 10_000; code += 7)
        {
            var body = $$"""{"status_code":{{code}},"status_message":"x","timestamp":"2026-01-01T00:00:00Z"}""";
            var exchange = await SendAsync(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
            kinds.Add(exchange.Kind);
        }

        Assert.True(kinds.Count <= 20, string.Join(", ", kinds));
    }

    [Fact]
    public async Task Describe_names_the_failure_without_the_partners_text()
    {
        var exchange = await SendAsync(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("secret-internal-text") });

        Assert.Equal(OcpiOutcome.HttpError, exchange.Outcome);
        Assert.Equal("answered HTTP 500", exchange.Describe());
    }

    [Fact]
    public async Task A_refused_address_is_classified_not_thrown()
    {
        using var handler = PartnerHttpHandler.Create(allowPrivateNetworks: false);
        using var client = new HttpClient(handler);

        var exchange = await OcpiTransport.SendAsync(client, new OcpiOutboundRequest(HttpMethod.Get, new Uri("http://127.0.0.1:9/versions"), "t", OcpiVersion.V221), CancellationToken.None);

        Assert.Equal(OcpiOutcome.AddressNotAllowed, exchange.Outcome);
        Assert.Equal("address_not_allowed", exchange.Kind);
    }

    [Theory]
    [InlineData(true, "http", true)]
    [InlineData(false, "http", true)]
    [InlineData(false, "https", false)]
    public async Task Plain_http_to_a_public_address_is_refused_before_connecting_even_where_private_networks_are_allowed(bool allowPrivate, string scheme, bool refused)
    {
        // 192.0.2.1 (TEST-NET-1) counts as public to the address rule; nothing answers there, so an attempt to connect
        // ends as a timeout or a connection failure, not as a refusal.
        using var handler = PartnerHttpHandler.Create(allowPrivate);
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };

        var exchange = await OcpiTransport.SendAsync(client, new OcpiOutboundRequest(HttpMethod.Get, new Uri(scheme + "://192.0.2.1:9/versions"), "t", OcpiVersion.V221), CancellationToken.None);

        Assert.Equal(refused, exchange.Outcome == OcpiOutcome.AddressNotAllowed);
    }

    [Theory]
    [InlineData("http://169.254.169.254:9/latest/meta-data/")]
    [InlineData("http://[fe80::1]:9/versions")]
    public async Task A_link_local_address_is_refused_even_where_private_partners_are_allowed(string url)
    {
        // Cloud metadata services answer on 169.254.169.254 with the host's credentials; no partner lives on a
        // link-local address, so allowing our own network (compose's mock eMSP, a partner in the same VPC) never
        // opens that one. Without the rule the call would try to connect and end as a timeout or failure instead.
        using var handler = PartnerHttpHandler.Create(allowPrivateNetworks: true);
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };

        var exchange = await OcpiTransport.SendAsync(client, new OcpiOutboundRequest(HttpMethod.Get, new Uri(url), "t", OcpiVersion.V221), CancellationToken.None);

        Assert.Equal(OcpiOutcome.AddressNotAllowed, exchange.Outcome);
    }

    private static async Task<OcpiExchange> SendAsync(Func<HttpRequestMessage, HttpResponseMessage> answer, int maxBytes = OcpiTransport.DefaultMaxResponseBytes)
    {
        using var client = new HttpClient(new FakeHandler(answer));
        return await OcpiTransport.SendAsync(client, new OcpiOutboundRequest(HttpMethod.Get, Url, "t", OcpiVersion.V221), CancellationToken.None, maxBytes);
    }

    private sealed class FakeHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer(request));
    }

    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) { Array.Fill(buffer, (byte)'x', offset, count); return count; }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A body of unknown length that arrives a few bytes at a time.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 7));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 7)], cancellationToken);
    }
}
