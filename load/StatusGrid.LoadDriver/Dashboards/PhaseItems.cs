using System.Globalization;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Dashboards;

/// <summary>
/// What the city clients received in the measured phase: item count and ingest → client latency (arrival − the item's
/// <c>last_updated</c>, the send time the driver put in <c>observed_at</c>). Items of changes sent before the last
/// <see cref="Reset"/> are the phase before's, still arriving from a server or front-end that lags: counted, they showed
/// as more items than owed and their age as the phase's latency.
/// </summary>
internal sealed class PhaseItems
{
    private long _items;
    private long _measuredFrom; // UTC ticks of the last reset

    public LatencyHistogram Latency { get; } = new();

    public long Count => Interlocked.Read(ref _items);

    public void Reset(DateTimeOffset now)
    {
        Volatile.Write(ref _measuredFrom, now.UtcTicks);
        Latency.Reset();
        Interlocked.Exchange(ref _items, 0);
    }

    public void Received(string? lastUpdated, DateTimeOffset now)
    {
        if (DateTimeOffset.TryParse(lastUpdated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent))
        {
            if (sent.UtcTicks < Volatile.Read(ref _measuredFrom))
            {
                return;
            }

            Latency.RecordMilliseconds((now - sent).TotalMilliseconds);
        }

        Interlocked.Increment(ref _items);
    }
}
