using System.Text;
using System.Text.Json;
using CsCheck;
using StatusGrid.Server.Ingest;

namespace StatusGrid.Server.Tests.Security;

/// <summary>Issue 11 item 3: the ingest parser, fuzzed directly. It never throws and never quotes more than a short prefix.</summary>
public sealed class IngestParserFuzzTests
{
    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.OneOf(["AVAILABLE", "CHARGING", "FLYING", "2026-01-01T00:00:00Z", "2099-01-01T00:00:00Z", "01/02/2026", "", "SG-1", "NL*SGR*E1"]),
        Gen.String[0, 50],
        Gen.Int[37, 5000].Select(n => new string('Z', n)));

    private static readonly Gen<string> Item = Gen.Select(
        Gen.OneOf(["location_id", "evse_uid", "evse_id", "status", "observed_at", "other"]).Array[0, 6],
        Value.Array[6],
        Gen.Frequency((6, Gen.Const(true)), (1, Gen.Const(false))),
        (names, values, quoted) => "{" + string.Join(',', names.Select((n, i) => $"\"{n}\":" + (quoted ? JsonSerializer.Serialize(values[i]) : values[i].Length.ToString()))) + "}");

    private static readonly Gen<byte[]> Body = Gen.OneOf(
        Item.Array[0, 20].Select(items => Encoding.UTF8.GetBytes("[" + string.Join(',', items) + "]")),
        Item.Array[0, 5].Select(items => Encoding.UTF8.GetBytes("{\"changes\":[" + string.Join(',', items) + "]}")),
        Gen.Byte.Array[1, 40].Select(b => (byte[])[.. "[{\"location_id\":\""u8.ToArray(), .. b, .. "\",\"evse_uid\":\"E\",\"status\":\"AVAILABLE\",\"observed_at\":\"2026-01-01T00:00:00Z\"}]"u8.ToArray()]),
        Gen.Byte.Array[0, 200]);

    [Fact]
    public void The_ingest_parser_never_throws_and_its_messages_stay_short()
    {
        Body.Sample(bytes =>
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(bytes);
            }
            catch (JsonException)
            {
                return; // the endpoint answers 400 for these before the parser runs
            }

            using (document)
            {
                var (_, errors, _, bodyError) = IngestParser.Parse(document, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
                Assert.True((bodyError?.Length ?? 0) < 400);
                Assert.All(errors, e => Assert.True(e.Error.Length < 400, $"{e.Error.Length} characters"));
            }
        }, iter: 20_000);
    }
}
