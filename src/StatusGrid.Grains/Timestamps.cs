namespace StatusGrid.Grains;

public static class Timestamps
{
    /// <summary>
    /// UTC, truncated to whole milliseconds: OCPI DateTime allows at most 25 characters, and every store and
    /// comparison then sees the same value.
    /// </summary>
    public static DateTimeOffset ToMilliseconds(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
