using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Tests.Support;

namespace StatusGrid.Ocpi.Tests;

/// <summary>
/// The streaming bulk parser (admin import) must answer exactly what the whole-document parser answers: the same
/// Locations, and the same errors with the same paths and messages, whatever the chunks the stream arrives in.
/// </summary>
public class StreamingParserTests
{
    private static readonly int[] ChunkSizes = [1, 7, 64, 4096, int.MaxValue];

    public static TheoryData<string> Versions() => new() { "2.2.1", "2.3.0" };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task The_spec_example_locations_parse_the_same_streamed_or_whole(string folder)
    {
        var json = ExampleArray(folder).ToJsonString();

        var whole = await AssertSameAsWholeDocument(Encoding.UTF8.GetBytes(json), ExampleVersion.Of(folder));

        Assert.True(whole.IsValid);
        Assert.Equal(LocationExamples(folder).Count(), whole.Value!.Count);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Every_kind_of_invalid_item_gets_the_same_errors_streamed_or_whole(string folder)
    {
        var version = ExampleVersion.Of(folder);
        var mutations = new (string Name, Action<JsonObject> Apply)[]
        {
            ("missing id", l => l.Remove("id")),
            ("unknown status", l => l["evses"]![0]!["status"] = "BROKEN"),
            ("wrong type", l => l["coordinates"] = 5),
            ("bad DateTime", l => l["last_updated"] = "yesterday"),
            ("null item", l => l["evses"] = new JsonArray(null, l["evses"]![0]!.DeepClone())),
            ("number too large", l => l["evses"]![0]!["connectors"]![0]!["max_voltage"] = JsonValue.Create(1e40)),
            ("rule violation", l => l["id"] = new string('x', 40)),
            ("required null", l => l["country_code"] = null),
        };

        foreach (var (name, apply) in mutations)
        {
            var array = ExampleArray(folder);
            apply(array[^1]!.AsObject());
            apply(array[0]!.AsObject());

            var whole = await AssertSameAsWholeDocument(Encoding.UTF8.GetBytes(array.ToJsonString()), version, name);

            Assert.False(whole.IsValid, name);
            Assert.NotEmpty(whole.Errors);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[]")]
    [InlineData(" [ ] \n")]
    [InlineData("[")]
    [InlineData("]")]
    [InlineData("[1,")]
    [InlineData("[1,]")]
    [InlineData("[1 2]")]
    [InlineData("[1]")]
    [InlineData("[null, true, \"x\", 1.5, []]")]
    [InlineData("[{}]")]
    [InlineData("{}")]
    [InlineData("{\"id\": [1, 2]}")]
    [InlineData("{\"id\": ")]
    [InlineData("\"a location\"")]
    [InlineData("12345")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("[] x")]
    [InlineData("[] []")]
    [InlineData("{} {}")]
    [InlineData("[{\"id\": \"\\uD800\"}]")]
    [InlineData("[{\"id\": \"a\"} // comment\n]")]
    [InlineData("[{\"id\": \"a\",}]")]
    [InlineData("\uFEFF[]")]
    public async Task Odd_documents_get_the_same_answer_streamed_or_whole(string json) =>
        await AssertSameAsWholeDocument(Encoding.UTF8.GetBytes(json), OcpiVersion.V221);

    [Fact]
    public async Task Nesting_beyond_the_depth_limit_is_the_same_error_streamed_or_whole()
    {
        var deep = "[{\"x\":" + new string('[', 70) + new string(']', 70) + "}]";

        var whole = await AssertSameAsWholeDocument(Encoding.UTF8.GetBytes(deep), OcpiVersion.V221);

        Assert.Contains("depth", Assert.Single(whole.Errors).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_cut_off_file_is_the_same_syntax_error_streamed_or_whole_wherever_it_is_cut()
    {
        var bytes = Encoding.UTF8.GetBytes(ExampleArray("2.2.1").ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        for (var cut = 0; cut < bytes.Length; cut += 53)
        {
            var whole = await AssertSameAsWholeDocument(bytes[..cut], OcpiVersion.V221, $"cut at {cut}", [7, 4096]);
            Assert.Null(whole.Value);
        }
    }

    [Fact]
    public async Task A_syntax_error_after_invalid_items_reports_only_the_syntax_error_as_before()
    {
        var array = ExampleArray("2.2.1");
        array[0]!.AsObject().Remove("id");
        var json = Encoding.UTF8.GetBytes(array.ToJsonString() + ",");

        var whole = await AssertSameAsWholeDocument(json, OcpiVersion.V221);

        Assert.StartsWith("invalid JSON at line 1", Assert.Single(whole.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_large_file_with_scattered_invalid_items_gives_every_value_and_error_in_file_order()
    {
        var examples = ExampleArray("2.2.1");
        var items = new JsonArray();
        for (var i = 0; i < 1_500; i++)
        {
            var item = examples[i % examples.Count]!.DeepClone().AsObject();
            item["id"] = $"LOC-{i}";
            if (i % 7 == 3)
            {
                item["evses"]![0]!["status"] = "BROKEN";
            }
            else if (i % 11 == 5)
            {
                item.Remove("country_code");
            }

            items.Add(item);
        }

        var whole = await AssertSameAsWholeDocument(Encoding.UTF8.GetBytes(items.ToJsonString()), OcpiVersion.V221, chunkSizes: [4096, 65536]);

        Assert.Contains(whole.Errors, e => e.Path.StartsWith("[1494]", StringComparison.Ordinal));
        var streamed = await OcpiParser.ParseLocationsAsync(new MemoryStream(Encoding.UTF8.GetBytes(items.ToJsonString())), OcpiVersion.V221);
        Assert.Equal(whole.Errors.Select(e => e.Path), streamed.Errors.Select(e => e.Path));
    }

    [Fact]
    public async Task Progress_is_reported_every_thousand_items_with_the_valid_count_and_bytes_read()
    {
        var location = ExampleArray("2.2.1")[0]!.ToJsonString();
        var items = Enumerable.Range(0, 2500).Select(i => i % 2 == 0 ? location : "1");
        var json = Encoding.UTF8.GetBytes("[" + string.Join(",", items) + "]");
        var reports = new List<OcpiStreamProgress>();

        using var stream = new TrickleStream(json, 4096);
        await OcpiParser.ParseLocationsAsync(stream, OcpiVersion.V221, new Collect(reports));

        Assert.Equal([1000, 2000], reports.Select(r => r.Items));
        Assert.Equal([500, 1000], reports.Select(r => r.Valid));
        Assert.All(reports, r => Assert.InRange(r.Bytes, 1, json.Length));
    }

    private static IEnumerable<string> LocationExamples(string folder) => Examples.Files(folder, "location_example*.json");

    private static JsonArray ExampleArray(string folder) =>
        [.. LocationExamples(folder).Select(file => JsonNode.Parse(Examples.Read(folder, file)))];

    private static async Task<OcpiParseResult<IReadOnlyList<Location>>> AssertSameAsWholeDocument(
        byte[] json, OcpiVersion version, string because = "", int[]? chunkSizes = null)
    {
        var whole = OcpiParser.ParseLocations(json, version);
        foreach (var chunk in chunkSizes ?? ChunkSizes)
        {
            using var stream = new TrickleStream(json, chunk);
            var streamed = await OcpiParser.ParseLocationsAsync(stream, version, progress: null);

            var label = $"{because} (chunks of {chunk} bytes)";
            Assert.True(whole.Errors.SequenceEqual(streamed.Errors),
                $"{label}: whole [{string.Join(" | ", whole.Errors)}] streamed [{string.Join(" | ", streamed.Errors)}]");
            Assert.Equal(whole.Value is null, streamed.Value is null);
            if (whole.Value is not null)
            {
                Assert.Equal(whole.Value, streamed.Value!);
            }
        }

        return whole;
    }

    private sealed class Collect(List<OcpiStreamProgress> reports) : IProgress<OcpiStreamProgress>
    {
        public void Report(OcpiStreamProgress value) => reports.Add(value);
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, so items and tokens straddle every kind of boundary.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
