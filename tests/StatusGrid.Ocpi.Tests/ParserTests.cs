using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Tests.Support;

namespace StatusGrid.Ocpi.Tests;

public class ParserTests
{
    private static JsonObject SampleNode() => JsonSerializer.SerializeToNode(Samples.Location(), OcpiJson.Options)!.AsObject();

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    [Fact]
    public void Valid_location_parses_to_the_same_model()
    {
        var result = OcpiParser.ParseLocation(Bytes(SampleNode()), OcpiVersion.V221);

        Assert.True(result.IsValid);
        Assert.Equal(Samples.Location(), result.Value);
    }

    [Fact]
    public void Unknown_fields_are_tolerated_at_every_level()
    {
        var node = SampleNode();
        node["x_vendor_rating"] = 5;
        node["evses"]![0]!["floor"] = -1;
        node["evses"]![0]!["connectors"]![0]!["cable_length"] = new JsonObject { ["m"] = 5 };

        var result = OcpiParser.ParseLocation(Bytes(node), OcpiVersion.V221);

        Assert.Empty(result.Errors);
        Assert.Equal(Samples.Location(), result.Value);
    }

    [Theory]
    [InlineData("2019-06-24T12:39:09+01:00")]
    [InlineData("2019-06-24T12:39:09+00:00")]
    [InlineData("2019-06-24 12:39:09Z")]
    [InlineData("2019-06-24T12:39:09.1234Z")]
    [InlineData("yesterday")]
    public void Bad_timestamps_are_rejected_with_the_field_named(string timestamp)
    {
        var node = SampleNode();
        node["evses"]![0]!["last_updated"] = timestamp;

        var result = OcpiParser.ParseLocation(Bytes(node), OcpiVersion.V221);

        Assert.Null(result.Value);
        var error = Assert.Single(result.Errors);
        Assert.Equal("evses[0].last_updated", error.Path);
        Assert.Contains("not a valid OCPI DateTime", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Offset_rejection_message_explains_the_utc_rule()
    {
        var node = SampleNode();
        node["last_updated"] = "2019-06-24T12:39:09+01:00";

        var error = Assert.Single(OcpiParser.ParseLocation(Bytes(node), OcpiVersion.V221).Errors);

        Assert.Contains("offsets are not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamp_without_zone_is_read_as_utc()
    {
        var node = SampleNode();
        node["last_updated"] = "2019-06-24T12:39:09.2";

        var result = OcpiParser.ParseLocation(Bytes(node), OcpiVersion.V221);

        Assert.Equal(new DateTimeOffset(2019, 6, 24, 12, 39, 9, 200, TimeSpan.Zero), result.Value!.LastUpdated);
    }

    [Fact]
    public void Every_wrong_type_is_reported_not_just_the_first()
    {
        var node = SampleNode();
        node["publish"] = "yes";
        node["coordinates"] = "51.0,3.7";
        node["evses"]![0]!["connectors"]![0]!["max_voltage"] = "230";
        node["evses"]![0]!["connectors"]![0]!["tariff_ids"] = "T1";

        var result = OcpiParser.ParseLocation(Bytes(node), OcpiVersion.V221);

        Assert.Null(result.Value);
        Assert.Equal(
            ["publish", "coordinates", "evses[0].connectors[0].max_voltage", "evses[0].connectors[0].tariff_ids"],
            result.Errors.Select(e => e.Path));
        Assert.Contains("must be a boolean, but is a string", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("must be an array", result.Errors[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_in_required_field_is_an_error_but_null_in_optional_field_is_not()
    {
        var node = SampleNode();
        node["name"] = null;
        node["evses"]![0]!["status"] = null;

        var result = OcpiParser.ParseLocation(Bytes(node), OcpiVersion.V221);

        var error = Assert.Single(result.Errors);
        Assert.Equal("evses[0].status", error.Path);
        Assert.Contains("must not be null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Closed_enums_are_case_sensitive_and_not_numbers()
    {
        var node = SampleNode();
        node["evses"]![0]!["status"] = "available";
        node["evses"]![0]!["connectors"]![0]!["format"] = 0;

        var result = OcpiParser.ParseLocation(Bytes(node), OcpiVersion.V221);

        Assert.Equal(["evses[0].status", "evses[0].connectors[0].format"], result.Errors.Select(e => e.Path));
        Assert.Contains("unknown value 'available'", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_gives_one_error_with_the_line()
    {
        var json = "{\n  \"id\": \"LOC1\",\n  \"publish\": tru\n}"u8;

        var result = OcpiParser.ParseLocation(json, OcpiVersion.V221);

        Assert.Null(result.Value);
        var error = Assert.Single(result.Errors);
        Assert.Equal(string.Empty, error.Path);
        Assert.StartsWith("invalid JSON at line 3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{} {}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("/* c */ {}")]
    [InlineData("[")]
    public void Malformed_documents_are_one_error(string json)
    {
        var result = OcpiParser.ParseLocation(Encoding.UTF8.GetBytes(json), OcpiVersion.V221);

        Assert.Null(result.Value);
        Assert.StartsWith("invalid JSON", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null", "the document must be an object, but is null")]
    [InlineData("[]", "the document must be an object, but is an array")]
    [InlineData("\"LOC1\"", "the document must be an object, but is a string")]
    public void Wrong_document_type_is_reported(string json, string message)
    {
        var result = OcpiParser.ParseLocation(Encoding.UTF8.GetBytes(json), OcpiVersion.V221);

        Assert.Equal(message, Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Never_throws_for_hostile_input()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var random = new byte[4096];
        new Random(42).NextBytes(random);
        byte[][] inputs = [Encoding.UTF8.GetBytes(deep), random, [0xEF, 0xBB, 0xBF], "{\"id\": \"\\uD800\"}"u8.ToArray(), [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D], "{\"evses\": [null, 1, {}]}"u8.ToArray()];

        foreach (var input in inputs)
        {
            Assert.NotEmpty(OcpiParser.ParseLocation(input, OcpiVersion.V221).Errors);
            Assert.NotEmpty(OcpiParser.ParseLocations(input, OcpiVersion.V221).Errors);
            Assert.NotEmpty(OcpiParser.ParseEvse(input, OcpiVersion.V230).Errors);
            Assert.NotEmpty(OcpiParser.ParseConnector(input, OcpiVersion.V211).Errors);
        }
    }

    [Theory]
    [InlineData("last_updated")]
    [InlineData("address")]
    [InlineData("parking_type")]
    public void Lone_surrogate_escape_is_reported_not_thrown(string field)
    {
        var json = Encoding.UTF8.GetBytes(SampleNode().ToJsonString().Replace($"\"{field}\":\"", $"\"{field}\":\"\\uD800", StringComparison.Ordinal));

        var result = OcpiParser.ParseLocation(json, OcpiVersion.V221);

        Assert.Null(result.Value);
        Assert.Contains(result.Errors, e => e.Path == field);
    }

    [Fact]
    public void Lone_surrogate_in_closed_enum_is_reported()
    {
        var json = Encoding.UTF8.GetBytes(SampleNode().ToJsonString().Replace("\"AVAILABLE\"", "\"\\uD800\"", StringComparison.Ordinal));

        var error = Assert.Single(OcpiParser.ParseLocation(json, OcpiVersion.V221).Errors);

        Assert.Equal("evses[0].status", error.Path);
    }

    [Fact]
    public void Bulk_parse_keeps_valid_locations_and_prefixes_errors_with_the_index()
    {
        var good = SampleNode();
        var bad = SampleNode();
        bad["id"] = "L2";
        bad["evses"]![0]!["connectors"]![0]!.AsObject().Remove("power_type");
        var invalid = SampleNode();
        invalid["id"] = new string('x', 40);
        var json = Bytes(new JsonArray(good, bad, invalid));

        var result = OcpiParser.ParseLocations(json, OcpiVersion.V221);

        Assert.Equal(["LOC1"], result.Value!.Select(l => l.Id));
        Assert.Equal(["[1].evses[0].connectors[0].power_type", "[2].id"], result.Errors.Select(e => e.Path));
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Bulk_parse_requires_an_array()
    {
        var result = OcpiParser.ParseLocations(Bytes(SampleNode()), OcpiVersion.V221);

        Assert.Null(result.Value);
        Assert.Contains("expected a JSON array", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connector_can_be_parsed_alone()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(Samples.Connector(), OcpiJson.Options);

        var result = OcpiParser.ParseConnector(json, OcpiVersion.V221);

        Assert.True(result.IsValid);
        Assert.Equal(Samples.Connector(), result.Value);
    }

    [Fact]
    public void Parse_validates_against_the_requested_version()
    {
        var node = SampleNode();
        node["evses"]![0]!["connectors"]![0]!["standard"] = ConnectorTypes.SaeJ3400;

        Assert.True(OcpiParser.ParseLocation(Bytes(node), OcpiVersion.V230).IsValid);
        var error = Assert.Single(OcpiParser.ParseLocation(Bytes(node), OcpiVersion.V221).Errors);
        Assert.Equal("evses[0].connectors[0].standard", error.Path);
    }
}
