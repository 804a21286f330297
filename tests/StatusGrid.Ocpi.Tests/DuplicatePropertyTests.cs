using System.Text;
using System.Text.Json;
using StatusGrid.Ocpi.Tests.Support;

namespace StatusGrid.Ocpi.Tests;

/// <summary>
/// A property named twice in one object is ambiguous (readers differ on whether the first or the last counts), so
/// every OCPI parser refuses it at its path instead of guessing which value the sender meant.
/// </summary>
public class DuplicatePropertyTests
{
    private static string LocationJson() => JsonSerializer.Serialize(Samples.Location(), OcpiJson.Options);

    /// <summary>The sample Location with <paramref name="inserted"/> put right after the first <paramref name="after"/>.</summary>
    private static byte[] With(string json, string after, string inserted)
    {
        var at = json.IndexOf(after, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{after}' is not in {json}");
        return Encoding.UTF8.GetBytes(json.Insert(at + after.Length, inserted));
    }

    [Fact]
    public void A_location_naming_a_field_twice_is_refused_at_that_field()
    {
        var result = OcpiParser.ParseLocation(With(LocationJson(), "{", "\"name\":\"A\",\"name\":\"B\","), OcpiVersion.V221);

        Assert.Null(result.Value);
        var error = Assert.Single(result.Errors);
        Assert.Equal("name", error.Path);
        Assert.Equal("'name' appears more than once in the object; which value is meant is ambiguous, send it once", error.Message);
    }

    [Fact]
    public void An_evse_status_named_twice_is_refused_at_its_path()
    {
        var result = OcpiParser.ParseLocation(With(LocationJson(), "\"evses\":[{", "\"status\":\"AVAILABLE\",\"status\":\"OUTOFORDER\","), OcpiVersion.V221);

        Assert.Null(result.Value);
        Assert.Equal("evses[0].status", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public async Task A_streamed_import_refuses_the_item_with_the_repeated_field_and_reads_the_rest()
    {
        var json = LocationJson();
        var bad = Encoding.UTF8.GetString(With(json, "{", "\"publish\":true,\"publish\":false,"));
        var body = Encoding.UTF8.GetBytes($"[{json},{bad}]");

        var streamed = await OcpiParser.ParseLocationsAsync(new MemoryStream(body), OcpiVersion.V221);
        var whole = OcpiParser.ParseLocations(body, OcpiVersion.V221);

        Assert.Equal("[1].publish", Assert.Single(streamed.Errors).Path);
        Assert.Single(streamed.Value!);
        Assert.Equal(streamed.Errors, whole.Errors);
    }

    [Fact]
    public void Credentials_and_a_client_info_naming_a_field_twice_are_refused()
    {
        var credentials = Examples.Read("2.2.1", "credentials_example4.json");
        var clientInfo = """{"party_id":"ABC","country_code":"NL","role":"EMSP","status":"ACTIVE","status":"SUSPENDED","last_updated":"2026-01-01T00:00:00Z"}"""u8.ToArray();

        var parsedCredentials = OcpiParser.ParseCredentials(With(Encoding.UTF8.GetString(credentials), "{", "\"token\":\"a\",\"token\":\"b\","), OcpiVersion.V221);
        var parsedClientInfo = OcpiParser.ParseClientInfo(clientInfo, OcpiVersion.V221);

        Assert.Equal("token", Assert.Single(parsedCredentials.Errors).Path);
        Assert.Equal("status", Assert.Single(parsedClientInfo.Errors).Path);
    }

    [Fact]
    public void The_same_name_in_different_objects_is_no_repetition()
    {
        var result = OcpiParser.ParseLocation(Encoding.UTF8.GetBytes(LocationJson()), OcpiVersion.V221);

        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("{\"\\uD800\":1}")]
    [InlineData("{\"a\":1,\"\\uDC00x\":2}")]
    public void An_object_with_a_name_that_is_not_text_is_refused_not_thrown(string json)
    {
        var result = OcpiParser.ParseLocation(Encoding.UTF8.GetBytes(json), OcpiVersion.V221);

        var error = Assert.Single(result.Errors);
        Assert.Equal(string.Empty, error.Path);
        Assert.Equal("a property name in the object is not text (invalid UTF-8 or an escaped lone surrogate)", error.Message);
    }
}
