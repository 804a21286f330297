namespace StatusGrid.Server.Dashboard;

/// <summary>
/// How long the pump waits after a round of detail sends: the longest of <see cref="DashboardOptions.DetailInterval"/>
/// (a short floor, so a few viewers see a change within milliseconds), the time the round took (so the pump sends at
/// most about half of the time, however starved the machine), and the time the round's socket writes take out of
/// <see cref="DashboardOptions.MaxDetailWritesPerSecond"/> (a write per client sent to is the bulk of the cost, and
/// it lands on the thread pool that partner pushes and ingest share: thousands of viewers get fewer, bigger rounds);
/// never longer than <see cref="DashboardOptions.MaxDetailInterval"/>. Changes meanwhile coalesce per EVSE, so browsers
/// see bigger, rarer batches under load instead of partners falling behind.
/// </summary>
public static class DetailPacing
{
    public static TimeSpan NextWait(TimeSpan roundTook, int writes, DashboardOptions options)
    {
        var interval = options.DetailInterval;
        var budget = options.MaxDetailWritesPerSecond > 0 ? TimeSpan.FromSeconds((double)writes / options.MaxDetailWritesPerSecond) : TimeSpan.Zero;
        var wait = roundTook > interval ? roundTook : interval;
        wait = budget > wait ? budget : wait;
        return wait < options.MaxDetailInterval ? wait : (options.MaxDetailInterval > interval ? options.MaxDetailInterval : interval);
    }
}
