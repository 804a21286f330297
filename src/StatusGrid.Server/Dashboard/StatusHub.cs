using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StatusGrid.Server.Dashboard.Viewport;

namespace StatusGrid.Server.Dashboard;

/// <summary>
/// The map's live feed. A client calls <c>Watch(west, south, east, north, zoom)</c> whenever its viewport settles; it
/// then belongs to the groups of the tiles the answer lists (zoomed out, one group for all of them: <see cref="ViewSet"/>),
/// and receives only their messages:
/// <c>statusChanged</c> (a batch of <see cref="DashboardStatusItem"/>), <c>locationChanged</c> (a GeoJSON feature),
/// <c>locationRemoved</c> (an id) in detail mode; <c>aggregates</c> (GeoJSON features of coarse tiles) when zoomed out;
/// and <c>summary</c> (estate totals) for everybody.
/// </summary>
public sealed class StatusHub(ViewportSubscriptions subscriptions, IOptions<DashboardOptions> options) : Hub
{
    public const string Path = "/hubs/status";
    public const string StatusChanged = "statusChanged";
    public const string LocationChanged = "locationChanged";
    public const string LocationRemoved = "locationRemoved";
    public const string Aggregates = "aggregates";
    public const string Summary = "summary";

    public async Task<ViewportPlan> Watch(double west, double south, double east, double north, int zoom)
    {
        var bbox = Bbox.Create(west, south, east, north, out var error) ?? throw new HubException(error);
        if (zoom is < 0 or > 24)
        {
            throw new HubException("zoom must be between 0 and 24.");
        }

        var plan = ViewportPlanner.Plan(bbox, zoom, options.Value);
        var (leave, join) = subscriptions.Update(Context.ConnectionId, plan.Groups, perViewport: !plan.IsDetail);
        foreach (var group in leave)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
        }

        foreach (var group in join)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        }

        return plan;
    }

    public override Task OnConnectedAsync()
    {
        subscriptions.Connected(Context.ConnectionId);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
