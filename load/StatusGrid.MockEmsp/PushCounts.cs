namespace StatusGrid.MockEmsp;

/// <summary>What the mock eMSP has received so far (thread-safe counters, served at /stats).</summary>
public sealed class PushCounts
{
    private long _patches;
    private long _puts;
    private long _other;
    private long _lastAtTicks;

    public void Record(string method)
    {
        if (HttpMethods.IsPatch(method))
        {
            Interlocked.Increment(ref _patches);
        }
        else if (HttpMethods.IsPut(method))
        {
            Interlocked.Increment(ref _puts);
        }
        else
        {
            Interlocked.Increment(ref _other);
        }

        Interlocked.Exchange(ref _lastAtTicks, DateTimeOffset.UtcNow.UtcTicks);
    }

    public object Snapshot()
    {
        var last = Interlocked.Read(ref _lastAtTicks);
        return new
        {
            patches = Interlocked.Read(ref _patches),
            puts = Interlocked.Read(ref _puts),
            other = Interlocked.Read(ref _other),
            last_received_at = last == 0 ? (DateTimeOffset?)null : new DateTimeOffset(last, TimeSpan.Zero),
        };
    }
}
