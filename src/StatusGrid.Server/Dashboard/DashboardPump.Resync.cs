using Microsoft.AspNetCore.SignalR;

namespace StatusGrid.Server.Dashboard;

/// <summary>
/// After this host's observer was out of the dashboard registry (<see cref="Grains.Dashboard.IDashboardSink.ResyncAsync"/>),
/// the estate in memory may hold old statuses, miss new Locations and keep removed ones: it is read again from the
/// store, and every browser is told to re-read its viewport ("resync").
/// </summary>
public sealed partial class DashboardPump
{
    private int _resync;

    public Task ResyncAsync()
    {
        Interlocked.Exchange(ref _resync, 1);
        Wake();
        return Task.CompletedTask;
    }

    private async Task ResyncEstateAsync(CancellationToken ct)
    {
        var held = estate.LocationIds();
        var read = await LoadEstateAsync(ct);
        foreach (var gone in held.Where(id => !read.Contains(id)))
        {
            estate.Remove(gone);
        }

        LogResynced(read.Count);
        await hub.Clients.All.SendAsync("resync", ct);
    }

    [LoggerMessage(LogLevel.Warning, "Dashboard estate read again after a gap in the live feed ({Locations} locations); browsers resync")]
    private partial void LogResynced(int locations);
}
