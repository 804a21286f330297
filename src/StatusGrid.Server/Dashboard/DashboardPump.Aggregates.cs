using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StatusGrid.Contracts.Evses;
using StatusGrid.Grains.Dashboard;
using StatusGrid.Server.Dashboard.Estate;
using StatusGrid.Server.Dashboard.Viewport;

namespace StatusGrid.Server.Dashboard;

/// <summary>
/// The zoomed-out half of the feed: per coarse tile, status counts at most once per aggregate interval; a client gets
/// the changed tiles of its viewport in one message.
/// </summary>
public sealed partial class DashboardPump
{
    /// <summary>Every aggregate interval: recounts only the watched coarse tiles that hold a changed detail tile.</summary>
    private async Task AggregateLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.AggregateInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await SendAggregatesAsync(ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    LogAggregateFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task SendAggregatesAsync(CancellationToken ct)
    {
        var dirty = estate.TakeDirtyTiles();
        var sends = new List<Task>();
        if (dirty.Count > 0)
        {
            var watched = subscriptions.WatchedGroups()
                .Where(g => g.StartsWith("a/", StringComparison.Ordinal))
                .Select(ParseTile)
                .Where(t => dirty.Any(d => d.Parent(t.Z) == t))
                .ToList();
            // A feature's id is its tile's group name.
            SendPerViewport(estate.Aggregates(watched, emptyToo: true).ToDictionary(f => f.Id, StringComparer.Ordinal), sends, ct);
        }

        // The page's totals and "empty estate" hint: one small message per interval, only when something changed.
        var summary = estate.Summary();
        if (_lastSummary is null || summary.Locations != _lastSummary.Locations || summary.Evses != _lastSummary.Evses
            || !summary.Counts.OrderBy(c => c.Key).SequenceEqual(_lastSummary.Counts.OrderBy(c => c.Key)))
        {
            _lastSummary = summary;
            sends.Add(hub.Clients.All.SendAsync(StatusHub.Summary, summary, ct));
        }

        await WaitForSendsAsync(sends);
    }

    /// <summary>
    /// One message per zoomed-out viewport (<see cref="ViewSet"/>) with what its tiles got this interval: a client's socket
    /// takes one write per interval however many tiles it shows, and clients with the same view share one serialized message.
    /// </summary>
    private void SendPerViewport(Dictionary<string, Feature<AggregateProperties>> byTile, List<Task> sends, CancellationToken ct)
    {
        if (byTile.Count == 0)
        {
            return;
        }

        foreach (var set in subscriptions.Sets())
        {
            var features = set.Groups.Where(byTile.ContainsKey).Select(g => byTile[g]).ToList();
            if (features.Count > 0)
            {
                sends.Add(hub.Clients.Group(set.Name).SendAsync(StatusHub.Aggregates, features, ct));
            }
        }
    }

    private static TileKey ParseTile(string group)
    {
        var parts = group[2..].Split('/');
        return new TileKey(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }
}
