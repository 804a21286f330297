using System.Globalization;

namespace StatusGrid.Ocpi;

/// <summary>
/// OCPI DateTime: RFC 3339 in UTC. Written as <c>yyyy-MM-ddTHH:mm:ssZ</c>, or <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>
/// when the millisecond part is non-zero (sub-millisecond ticks are truncated). Never writes an offset.
/// </summary>
/// <remarks>
/// Reading accepts exactly the shapes OCPI 2.2.1 lists: <c>yyyy-MM-ddTHH:mm:ss</c> optionally followed by a
/// fraction of 1 to 3 digits, optionally followed by an upper-case <c>Z</c>. No zone designator means UTC.
/// Offsets (even <c>+00:00</c>, which the spec says is not the same as UTC), lower-case designators, spaces,
/// and more than 3 fractional digits are rejected.
/// </remarks>
public static class OcpiDateTime
{
    /// <summary>Longest output of <see cref="TryFormat"/>: <c>2019-06-24T12:39:09.123Z</c>.</summary>
    public const int MaxFormattedLength = 24;

    private const int BaseLength = 19;
    private const int MaxFractionDigits = 3;

    public static string Format(DateTimeOffset value)
    {
        Span<byte> buffer = stackalloc byte[MaxFormattedLength];
        TryFormat(value, buffer, out var written);
        return System.Text.Encoding.ASCII.GetString(buffer[..written]);
    }

    /// <summary>Writes the UTF-8 form without allocating; false only if the destination is too small.</summary>
    public static bool TryFormat(DateTimeOffset value, Span<byte> utf8Destination, out int bytesWritten)
    {
        bytesWritten = 0;
        var utc = value.UtcDateTime;
        var millisecond = utc.Millisecond;
        var length = BaseLength + (millisecond == 0 ? 0 : 4) + 1;
        if (utf8Destination.Length < length)
        {
            return false;
        }

        utc.TryFormat(utf8Destination, out var written, "yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);
        if (millisecond != 0)
        {
            utf8Destination[written++] = (byte)'.';
            utf8Destination[written++] = (byte)('0' + (millisecond / 100));
            utf8Destination[written++] = (byte)('0' + (millisecond / 10 % 10));
            utf8Destination[written++] = (byte)('0' + (millisecond % 10));
        }

        utf8Destination[written++] = (byte)'Z';
        bytesWritten = written;
        return true;
    }

    public static bool TryParse(string? text, out DateTimeOffset value) =>
        TryParse(text.AsSpan(), out value, out _);

    public static bool TryParse(string? text, out DateTimeOffset value, out string? error) =>
        TryParse(text.AsSpan(), out value, out error);

    /// <summary>Parses one of the permitted shapes; <paramref name="error"/> explains a rejection.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value, out string? error)
    {
        value = default;
        if (text.Length < BaseLength)
        {
            error = "expected an OCPI DateTime like 2019-06-24T12:39:09Z";
            return false;
        }

        if (!TryParseBase(text[..BaseLength], out var dateTime, out error))
        {
            return false;
        }

        var rest = text[BaseLength..];
        long fractionTicks = 0;
        if (rest.Length > 0 && rest[0] == '.')
        {
            var digits = 0;
            while (digits + 1 < rest.Length && char.IsAsciiDigit(rest[digits + 1]))
            {
                digits++;
            }

            if (digits == 0)
            {
                error = "a '.' must be followed by fractional-second digits";
                return false;
            }

            if (digits > MaxFractionDigits)
            {
                error = "at most 3 fractional-second digits are allowed";
                return false;
            }

            var fraction = int.Parse(rest.Slice(1, digits), NumberStyles.None, CultureInfo.InvariantCulture);
            for (var i = digits; i < 7; i++)
            {
                fraction *= 10;
            }

            fractionTicks = fraction;
            rest = rest[(digits + 1)..];
        }

        if (rest.Length == 1 && rest[0] == 'Z')
        {
            rest = [];
        }

        if (rest.Length > 0)
        {
            error = rest[0] is '+' or '-'
                ? "time zone offsets are not allowed; OCPI timestamps must be UTC, written with 'Z' or without a zone designator"
                : $"unexpected '{rest.ToString()}' after the time; OCPI timestamps end with 'Z' or nothing";
            return false;
        }

        value = new DateTimeOffset(dateTime.AddTicks(fractionTicks), TimeSpan.Zero);
        error = null;
        return true;
    }

    private static bool TryParseBase(ReadOnlySpan<char> s, out DateTime dateTime, out string? error)
    {
        dateTime = default;
        error = "expected the shape yyyy-MM-ddTHH:mm:ss";
        if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month)
            || !TryDigits(s.Slice(8, 2), out var day) || !TryDigits(s.Slice(11, 2), out var hour)
            || !TryDigits(s.Slice(14, 2), out var minute) || !TryDigits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            error = "date or time component out of range";
            return false;
        }

        dateTime = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        error = null;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
