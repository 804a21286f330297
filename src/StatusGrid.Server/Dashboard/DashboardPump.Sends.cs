using Microsoft.AspNetCore.SignalR;
using StatusGrid.Server.Dashboard.Viewport;

namespace StatusGrid.Server.Dashboard;

/// <summary>How the pump's messages reach browsers: one per viewport (a SignalR group of the clients that show it).</summary>
public sealed partial class DashboardPump
{
    /// <summary>
    /// One message per viewport (<see cref="ViewSet"/>) with what its tiles got this round: a client's socket takes one
    /// write per round however many tiles it shows, and clients with the same view share one serialized message.
    /// </summary>
    /// <returns>How many clients the messages went to.</returns>
    private int SendPerViewport<T>(Dictionary<string, List<T>> byGroup, string method, List<Task> sends, CancellationToken ct)
    {
        var writes = 0;
        if (byGroup.Count == 0)
        {
            return writes;
        }

        foreach (var set in subscriptions.Sets())
        {
            List<T>? payload = null;
            var shared = true; // one tile's list goes out as it is; several are copied into one
            foreach (var group in set.Groups)
            {
                if (!byGroup.TryGetValue(group, out var part))
                {
                    continue;
                }

                if (payload is null)
                {
                    payload = part;
                }
                else
                {
                    if (shared)
                    {
                        payload = [.. payload];
                        shared = false;
                    }

                    payload.AddRange(part);
                }
            }

            if (payload is not null)
            {
                sends.Add(hub.Clients.Group(set.Name).SendAsync(method, payload, ct));
                writes += set.Connections;
            }
        }

        return writes;
    }

    private Task SendToDetail(TileKey tile, string method, object? argument, CancellationToken ct)
    {
        var group = ViewportPlan.GroupName(ViewportPlan.Detail, tile);
        if (!subscriptions.IsWatched(group))
        {
            return Task.CompletedTask;
        }

        // Rare (a location put, moved or removed): the viewports that show its tile.
        var viewports = subscriptions.Sets().Where(s => s.Groups.Contains(group)).Select(s => s.Name).ToList();
        return hub.Clients.Groups(viewports).SendAsync(method, argument, ct);
    }
}
