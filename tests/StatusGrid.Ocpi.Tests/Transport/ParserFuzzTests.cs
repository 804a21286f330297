using System.Text;
using CsCheck;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Ocpi.Tests.Transport;

/// <summary>Issue 11 item 3: the OCPI parser and token reader, fuzzed directly: whatever a partner sends, they answer, never throw.</summary>
public sealed class ParserFuzzTests
{
    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.OneOf(["null", "true", "1", "-1", "1e309", "0.5", "\"\"", "\"2026-01-01T00:00:00Z\"", "\"AVAILABLE\"", "\"2.2.1\"", "[]", "{}", "\"\\u0000\""]),
        Gen.String[0, 20].Select(s => System.Text.Json.JsonSerializer.Serialize(s)),
        Gen.Int[0, 2000].Select(n => "\"" + new string('x', n) + "\""));

    private static readonly Gen<string> Field = Gen.OneOf(["id", "country_code", "party_id", "evses", "uid", "status", "connectors", "coordinates", "latitude", "longitude",
        "last_updated", "token", "url", "roles", "business_details", "name", "version", "endpoints", "identifier", "role", "data", "status_code", "timestamp", "publish", "address", "city"]);

    private static readonly Gen<string> Json = Gen.Recursive<string>((depth, json) => depth >= 4
        ? Scalar
        : Gen.OneOf(
            Scalar,
            json.Array[0, 4].Select(items => "[" + string.Join(',', items) + "]"),
            Gen.Select(Field.Array[0, 6], json.Array[6], (names, values) => "{" + string.Join(',', names.Select((n, i) => $"\"{n}\":{values[i]}")) + "}")));

    private static readonly Gen<byte[]> Bytes = Gen.OneOf(
        Json.Select(Encoding.UTF8.GetBytes),
        Gen.Byte.Array[0, 200],
        Gen.Select(Json, Gen.Byte.Array[1, 8], (j, junk) => (byte[])[.. Encoding.UTF8.GetBytes(j), .. junk]));

    [Fact]
    public void Every_parser_answers_any_bytes_without_throwing()
    {
        Bytes.Sample(bytes =>
        {
            foreach (var version in new[] { OcpiVersion.V211, OcpiVersion.V221, OcpiVersion.V230 })
            {
                _ = OcpiParser.ParseLocation(bytes, version);
                _ = OcpiParser.ParseLocations(bytes, version);
                _ = OcpiParser.ParseEvse(bytes, version);
                _ = OcpiParser.ParseConnector(bytes, version);
                _ = OcpiParser.ParseCredentials(bytes, version);
                _ = OcpiParser.ParseVersionInfos(bytes, version);
                _ = OcpiParser.ParseVersionDetails(bytes, version);
            }

            _ = OcpiParser.ParseCredentialsV211(bytes);
            _ = OcpiParser.ParseResponse(bytes);
        }, iter: 3000);
    }

    [Fact]
    public void The_token_header_reader_answers_any_header_without_throwing()
    {
        Gen.OneOf(Gen.String[0, 300], Gen.String[0, 100].Select(s => "Token " + s), Gen.Byte.Array[0, 90].Select(b => "Token " + Convert.ToBase64String(b)))
            .Sample(header =>
            {
                var candidates = OcpiToken.CandidateTokens(header);
                Assert.All(candidates, c => Assert.True(c.Length > 0 && c.All(ch => ch is >= '!' and <= '~'), c));
            }, iter: 20_000);
    }
}
