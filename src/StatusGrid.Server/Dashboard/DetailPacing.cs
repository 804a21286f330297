namespace StatusGrid.Server.Dashboard;

/// <summary>
/// How long the pump waits after a round of detail sends. Normally <see cref="DashboardOptions.DetailInterval"/>; when a
/// round took longer (many clients, a starved machine), as long as the round took, up to
/// <see cref="DashboardOptions.MaxDetailInterval"/>. So the pump sends at most about half of the time whatever the
/// load: its socket writes (the bulk of a round's cost is one write per watching connection and group, not the number
/// of items) cannot crowd out partner pushes and ingest, and a longer wait coalesces more changes per EVSE and puts
/// more items in each message. Browsers see bigger, rarer batches under overload instead of partners falling behind.
/// </summary>
public static class DetailPacing
{
    public static TimeSpan NextWait(TimeSpan roundTook, TimeSpan interval, TimeSpan maxInterval)
    {
        var wait = roundTook > interval ? roundTook : interval;
        return wait < maxInterval ? wait : (maxInterval > interval ? maxInterval : interval);
    }
}
