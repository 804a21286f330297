using System.Text;
using System.Text.Json;

namespace StatusGrid.Ocpi.Tests;

public class OcpiDateTimeTests
{
    [Fact]
    public void Whole_seconds_are_written_without_fraction()
    {
        Assert.Equal("2019-06-24T12:39:09Z", OcpiDateTime.Format(new DateTimeOffset(2019, 6, 24, 12, 39, 9, TimeSpan.Zero)));
    }

    [Fact]
    public void Milliseconds_are_written_with_three_digits()
    {
        Assert.Equal("2018-01-01T01:08:01.120Z", OcpiDateTime.Format(new DateTimeOffset(2018, 1, 1, 1, 8, 1, 120, TimeSpan.Zero)));
    }

    [Fact]
    public void Sub_millisecond_ticks_are_truncated_never_more_than_three_digits()
    {
        var value = new DateTimeOffset(2018, 1, 1, 1, 8, 1, 123, TimeSpan.Zero).AddTicks(4567);

        Assert.Equal("2018-01-01T01:08:01.123Z", OcpiDateTime.Format(value));
        Assert.Equal("2018-01-01T01:08:01Z", OcpiDateTime.Format(value.AddTicks(-value.Ticks % TimeSpan.TicksPerSecond).AddTicks(9999)));
    }

    [Fact]
    public void Offsets_are_converted_to_utc_z()
    {
        var local = new DateTimeOffset(2019, 6, 24, 14, 39, 9, TimeSpan.FromHours(2));

        Assert.Equal("2019-06-24T12:39:09Z", OcpiDateTime.Format(local));
    }

    [Fact]
    public void Serializer_uses_the_ocpi_format()
    {
        var json = JsonSerializer.Serialize(new DateTimeOffset(2019, 6, 24, 14, 39, 9, 5, TimeSpan.FromHours(2)), OcpiJson.Options);

        Assert.Equal("\"2019-06-24T12:39:09.005Z\"", json);
    }

    [Fact]
    public void TryFormat_writes_utf8_and_reports_small_buffers()
    {
        Span<byte> buffer = stackalloc byte[OcpiDateTime.MaxFormattedLength];
        var value = new DateTimeOffset(9999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero);

        Assert.True(OcpiDateTime.TryFormat(value, buffer, out var written));
        Assert.Equal("9999-12-31T23:59:59.999Z", Encoding.ASCII.GetString(buffer[..written]));
        Assert.False(OcpiDateTime.TryFormat(value, buffer[..10], out _));
    }

    [Theory]
    [InlineData("2015-06-29T20:39:09Z", 0)]
    [InlineData("2015-06-29T20:39:09", 0)]
    [InlineData("2016-12-29T17:45:09.2Z", 200)]
    [InlineData("2016-12-29T17:45:09.2", 200)]
    [InlineData("2018-01-01T01:08:01.123Z", 123)]
    [InlineData("2018-01-01T01:08:01.123", 123)]
    [InlineData("2018-01-01T01:08:01.12Z", 120)]
    public void The_permitted_shapes_parse_as_utc(string text, int milliseconds)
    {
        Assert.True(OcpiDateTime.TryParse(text, out var value));

        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(milliseconds, value.Millisecond);
        Assert.Equal(text[..19], value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2015-06-29T20:39:09+00:00", "offsets are not allowed")]
    [InlineData("2015-06-29T20:39:09+01:00", "offsets are not allowed")]
    [InlineData("2015-06-29T20:39:09-05:00", "offsets are not allowed")]
    [InlineData("2015-06-29T20:39:09.123+01:00", "offsets are not allowed")]
    [InlineData("2015-06-29T20:39:09z", "unexpected 'z'")]
    [InlineData("2015-06-29t20:39:09Z", "expected the shape")]
    [InlineData("2015-06-29 20:39:09Z", "expected the shape")]
    [InlineData("2015-06-29T20:39:09.1234Z", "at most 3")]
    [InlineData("2015-06-29T20:39:09.Z", "must be followed")]
    [InlineData("2015-06-29T20:39:09ZZ", "unexpected")]
    [InlineData("2015-02-29T20:39:09Z", "out of range")]
    [InlineData("2015-06-29T24:00:00Z", "out of range")]
    [InlineData("2015-06-29T20:39:60Z", "out of range")]
    [InlineData("2015-06-29", "expected an OCPI DateTime")]
    [InlineData("", "expected an OCPI DateTime")]
    public void Other_shapes_are_rejected_with_a_reason(string text, string reason)
    {
        Assert.False(OcpiDateTime.TryParse(text, out _, out var error));

        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_not_a_timestamp()
    {
        Assert.False(OcpiDateTime.TryParse((string?)null, out _));
    }

    [Fact]
    public void Format_and_parse_round_trip_at_millisecond_precision()
    {
        var value = new DateTimeOffset(2024, 2, 29, 23, 59, 58, 7, TimeSpan.Zero);

        Assert.True(OcpiDateTime.TryParse(OcpiDateTime.Format(value), out var parsed));
        Assert.Equal(value, parsed);
    }
}
