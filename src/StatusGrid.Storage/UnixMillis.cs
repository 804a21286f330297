namespace StatusGrid.Storage;

/// <summary>
/// StatusGrid's own timestamps are kept at millisecond precision on both providers (SQLite: INTEGER unix ms,
/// PostgreSQL: timestamptz fed with ms-truncated UTC values), so a value reads back equal on either.
/// </summary>
public static class UnixMillis
{
    public static long From(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset ToDateTimeOffset(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    /// <summary>UTC DateTime truncated to whole milliseconds, as Npgsql needs for timestamptz.</summary>
    public static DateTime ToUtcDateTime(DateTimeOffset value) => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds()).UtcDateTime;

    public static DateTimeOffset FromUtcDateTime(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
