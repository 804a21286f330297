using System.Text;
using System.Text.Json;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Ocpi.Tests.Transport;

public class OcpiResponseTests
{
    private static readonly DateTimeOffset Time = new(2015, 6, 30, 21, 59, 59, TimeSpan.Zero);

    [Fact]
    public void Success_envelope_serializes_with_snake_case_and_utc_timestamp()
    {
        IReadOnlyList<string> data = ["a"];
        var response = OcpiResponse.Success(data, Time, "Success");

        var json = JsonSerializer.Serialize(response, OcpiJson.Options);

        Assert.Equal("{\"data\":[\"a\"],\"status_code\":1000,\"status_message\":\"Success\",\"timestamp\":\"2015-06-30T21:59:59Z\"}", json);
    }

    [Fact]
    public void Error_envelope_has_no_data_property()
    {
        var json = JsonSerializer.Serialize(OcpiResponse.Error(OcpiStatusCode.InvalidOrMissingParameters, "Missing required field: type", Time), OcpiJson.Options);

        Assert.Equal("{\"status_code\":2001,\"status_message\":\"Missing required field: type\",\"timestamp\":\"2015-06-30T21:59:59Z\"}", json);
    }

    [Fact]
    public void Error_factory_refuses_success_codes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OcpiResponse.Error(OcpiStatusCode.Success, "ok"));
    }

    [Fact]
    public void Envelope_parse_tolerates_missing_data_and_reports_missing_timestamp()
    {
        var ok = OcpiParser.ParseResponse("{\"status_code\":1000,\"timestamp\":\"2015-06-30T21:59:59Z\"}"u8);
        var broken = OcpiParser.ParseResponse("{\"status_code\":\"1000\",\"data\":{}}"u8);

        Assert.True(ok.IsValid);
        Assert.Equal(JsonValueKind.Undefined, ok.Value!.Data.ValueKind);
        Assert.Equal(["status_code", "timestamp"], broken.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Envelope_with_error_status_parses_and_is_not_success()
    {
        var result = OcpiParser.ParseResponse(Encoding.UTF8.GetBytes("{\"status_code\":2003,\"status_message\":\"Unknown location\",\"timestamp\":\"2015-06-30T21:59:59\"}"));

        Assert.False(result.Value!.IsSuccess);
        Assert.Equal(OcpiStatusCode.UnknownLocation, result.Value.StatusCode);
    }

    [Theory]
    [InlineData(1000, true, false, false, false)]
    [InlineData(1999, true, false, false, false)]
    [InlineData(2004, false, true, false, false)]
    [InlineData(3003, false, false, true, false)]
    [InlineData(4003, false, false, false, true)]
    public void Status_code_classes(int code, bool success, bool client, bool server, bool hub)
    {
        Assert.Equal(success, OcpiStatusCode.IsSuccess(code));
        Assert.Equal(client, OcpiStatusCode.IsClientError(code));
        Assert.Equal(server, OcpiStatusCode.IsServerError(code));
        Assert.Equal(hub, OcpiStatusCode.IsHubError(code));
    }

    [Fact]
    public void Status_code_and_header_constants_match_the_spec()
    {
        Assert.Equal(
            [1000, 2000, 2001, 2002, 2003, 2004, 3000, 3001, 3002, 3003, 4000, 4001, 4002, 4003],
            [
                OcpiStatusCode.Success, OcpiStatusCode.ClientError, OcpiStatusCode.InvalidOrMissingParameters, OcpiStatusCode.NotEnoughInformation,
                OcpiStatusCode.UnknownLocation, OcpiStatusCode.UnknownToken, OcpiStatusCode.ServerError, OcpiStatusCode.UnableToUseClientApi,
                OcpiStatusCode.UnsupportedVersion, OcpiStatusCode.NoMatchingEndpoints, OcpiStatusCode.HubError, OcpiStatusCode.UnknownReceiver,
                OcpiStatusCode.ForwardedRequestTimeout, OcpiStatusCode.ConnectionProblem,
            ]);
        Assert.Equal("X-Request-ID", OcpiHeaders.RequestId);
        Assert.Equal("X-Correlation-ID", OcpiHeaders.CorrelationId);
        Assert.Equal("OCPI-from-country-code", OcpiHeaders.FromCountryCode);
        Assert.Equal("OCPI-to-party-id", OcpiHeaders.ToPartyId);
        Assert.Equal("X-Total-Count", OcpiHeaders.TotalCount);
    }

    [Fact]
    public void Link_header_is_written_and_parsed()
    {
        var next = new Uri("https://www.server.com/ocpi/cpo/2.2.1/cdrs/?offset=150&limit=50");

        var header = OcpiLinkHeader.Next(next);

        Assert.Equal("<https://www.server.com/ocpi/cpo/2.2.1/cdrs/?offset=150&limit=50>; rel=\"next\"", header);
        Assert.True(OcpiLinkHeader.TryParseNext(header, out var parsed));
        Assert.Equal(next, parsed);
    }

    [Fact]
    public void Link_header_parse_finds_next_among_others_and_handles_absence()
    {
        Assert.True(OcpiLinkHeader.TryParseNext("<https://a.example/x?a=1,2>; rel=\"prev\", <https://a.example/y?offset=2>;rel=next", out var next));
        Assert.Equal("https://a.example/y?offset=2", next!.AbsoluteUri);
        Assert.False(OcpiLinkHeader.TryParseNext("<https://a.example/x>; rel=\"prev\"", out _));
        Assert.False(OcpiLinkHeader.TryParseNext(null, out _));
        Assert.False(OcpiLinkHeader.TryParseNext("garbage", out _));
    }
}
