using Xunit.Sdk;

namespace StatusGrid.Ocpi.Tests.Support;

/// <summary>The comparison helper must actually catch differences, or the round-trip tests prove nothing.</summary>
public class JsonEquivalenceTests
{
    [Fact]
    public void Ignores_order_nulls_number_format_and_timestamp_format()
    {
        JsonEquivalence.AssertEquivalent(
            "{\"a\":1.50,\"b\":null,\"t\":\"2015-06-29T20:39:09\"}"u8,
            "{\"t\":\"2015-06-29T20:39:09Z\",\"a\":1.5}"u8);
    }

    [Theory]
    [InlineData("{\"a\":1}", "{\"a\":2}")]
    [InlineData("{\"a\":\"x\"}", "{\"a\":\"X\"}")]
    [InlineData("{\"a\":[1,2]}", "{\"a\":[1]}")]
    [InlineData("{\"a\":1}", "{\"a\":1,\"b\":false}")]
    [InlineData("{\"a\":\"1\"}", "{\"a\":1}")]
    [InlineData("{\"t\":\"2015-06-29T20:39:09Z\"}", "{\"t\":\"2015-06-29T20:39:10Z\"}")]
    public void Detects_real_differences(string expected, string actual)
    {
        Assert.Throws<TrueException>(() => JsonEquivalence.AssertEquivalent(
            System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(actual)));
    }
}
