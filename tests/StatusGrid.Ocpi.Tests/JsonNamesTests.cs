using System.Text;
using System.Text.Json;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi.Tests;

/// <summary>
/// <see cref="JsonNames.FirstRepeated"/> compares small plain objects as raw UTF-8 and the rest as decoded names: both
/// ways must find the same repeats, escaped spellings of one name included.
/// </summary>
public sealed class JsonNamesTests
{
    [Theory]
    [InlineData("""{"a":1,"b":2,"a":3}""", "a")]
    [InlineData("""{"a":1,"\u0061":2}""", "a")] // the later spelling escaped
    [InlineData("""{"\u0061":1,"a":2}""", "a")] // the earlier spelling escaped
    [InlineData("""{"status":"AVAILABLE","evse_uid":"E1","status":"CHARGING"}""", "status")]
    public void A_name_given_twice_is_found_however_it_is_spelled(string json, string repeated)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(repeated, JsonNames.FirstRepeated(document.RootElement, out var notText));
        Assert.False(notText);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    public void Objects_on_either_side_of_the_small_object_bound_are_checked_alike(int properties)
    {
        var names = Enumerable.Range(0, properties).Select(i => $"\"p{i}\":{i}").ToList();
        using (var distinct = JsonDocument.Parse("{" + string.Join(",", names) + "}"))
        {
            Assert.Null(JsonNames.FirstRepeated(distinct.RootElement, out _));
        }

        using var repeated = JsonDocument.Parse("{" + string.Join(",", names) + ",\"p3\":0}");
        Assert.Equal("p3", JsonNames.FirstRepeated(repeated.RootElement, out _));
    }

    [Fact]
    public void A_name_that_is_not_text_is_reported_as_such()
    {
        using var surrogate = JsonDocument.Parse("""{"\uD800":1}""");
        Assert.Null(JsonNames.FirstRepeated(surrogate.RootElement, out var notText));
        Assert.True(notText);
    }

    [Fact]
    public void A_name_of_invalid_utf8_is_reported_as_not_text()
    {
        // JsonDocument does not validate the bytes of a name; reading it as a string would throw later.
        var bytes = Encoding.UTF8.GetBytes("{\"x\":1,\"ab\":2}");
        bytes[Array.IndexOf(bytes, (byte)'a')] = 0xC3; // a lead byte followed by 'b': not UTF-8
        using var document = JsonDocument.Parse(bytes);
        Assert.Null(JsonNames.FirstRepeated(document.RootElement, out var notText));
        Assert.True(notText);
    }
}
