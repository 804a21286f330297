namespace StatusGrid.MockEmsp;

/// <summary>Wall clock in microseconds since the Unix epoch (DateTime.UtcNow is clock_gettime on Linux: µs-precise).</summary>
public static class UnixClock
{
    public static long NowMicros() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    public static long ToUnixMillis(DateTimeOffset value) => value.ToUnixTimeMilliseconds();
}
