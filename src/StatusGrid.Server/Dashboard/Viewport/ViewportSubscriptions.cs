using System.Security.Cryptography;
using System.Text;

namespace StatusGrid.Server.Dashboard.Viewport;

/// <summary>
/// This silo's clients, the tiles each watches and the SignalR groups that carry them. At street/city zoom a client
/// joins the group of each detail tile it shows (a few; one change goes to exactly one tile, serialized once for every
/// client of that tile). Zoomed out, a client joins one group for its whole viewport, a <see cref="ViewSet"/> shared by
/// every client with the same coarse tiles (everybody on the default map view is one group): the pump sends it the
/// changed counts of all those tiles in one message, so a zoomed-out map that watches 64 coarse tiles costs one socket
/// write per interval, not 64. Status items of detail tiles go the same way, one message per client and round, to the
/// <see cref="DetailViewers"/> of each tile with items; the detail groups carry the rarer location messages. The pump
/// also asks which tiles anybody watches, so it computes only those.
/// </summary>
public sealed class ViewportSubscriptions
{
    private readonly Dictionary<string, Watching> _byConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (IReadOnlySet<string> Groups, int Connections)> _sets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _watchers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private IReadOnlyList<ViewSet>? _setList;

    /// <summary>Per detail tile group, the connections that show it (each array replaced, never changed, when one joins or leaves).</summary>
    private readonly Dictionary<string, string[]> _detailViewers = new(StringComparer.Ordinal);

    /// <summary>Map clients connected to this host, whether or not they have told it a viewport yet.</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _byConnection.Count;
            }
        }
    }

    /// <summary>Map clients of this host that watch a viewport (a client that never calls Watch receives only summaries).</summary>
    public int WatchingCount
    {
        get
        {
            lock (_gate)
            {
                return _byConnection.Values.Count(w => w.Joined.Count > 0);
            }
        }
    }

    /// <summary>A client connected: counted from now, watching nothing until its first <see cref="Update"/>.</summary>
    public void Connected(string connectionId)
    {
        lock (_gate)
        {
            _byConnection.TryAdd(connectionId, Watching.Nothing);
        }
    }

    /// <summary>
    /// Replaces a connection's tiles: <paramref name="perViewport"/> puts it in one group for all of them (zoomed out),
    /// otherwise in one group per tile. Answers the SignalR groups it must leave and join.
    /// </summary>
    public (IReadOnlyList<string> Leave, IReadOnlyList<string> Join) Update(string connectionId, IReadOnlyCollection<string> tiles, bool perViewport)
    {
        var viewport = perViewport && tiles.Count > 0 ? ViewSet.NameOf(tiles) : null;
        var next = new Watching(tiles, viewport is null ? [.. tiles] : [viewport], viewport is null);
        lock (_gate)
        {
            var previous = _byConnection.GetValueOrDefault(connectionId) ?? Watching.Nothing;
            foreach (var tile in next.Tiles)
            {
                _watchers[tile] = _watchers.GetValueOrDefault(tile) + 1;
            }

            if (viewport is not null)
            {
                (IReadOnlySet<string> groups, int connections) = _sets.TryGetValue(viewport, out var set)
                    ? set
                    : (new HashSet<string>(tiles, StringComparer.Ordinal), 0);
                _sets[viewport] = (groups, connections + 1);
                _setList = null;
            }

            Release(connectionId, previous);
            _byConnection[connectionId] = next;
            if (next.PerTile)
            {
                foreach (var group in next.Joined)
                {
                    _detailViewers[group] = [.. _detailViewers.GetValueOrDefault(group) ?? [], connectionId];
                }
            }

            var before = previous.Joined.ToHashSet(StringComparer.Ordinal);
            var after = next.Joined.ToHashSet(StringComparer.Ordinal);
            return ([.. before.Where(g => !after.Contains(g))], [.. after.Where(g => !before.Contains(g))]);
        }
    }

    public void Remove(string connectionId)
    {
        lock (_gate)
        {
            if (_byConnection.Remove(connectionId, out var previous))
            {
                Release(connectionId, previous);
            }
        }
    }

    public bool IsWatched(string group)
    {
        lock (_gate)
        {
            return _watchers.ContainsKey(group);
        }
    }

    /// <summary>The tile groups at least one client of this silo watches.</summary>
    public IReadOnlyList<string> WatchedGroups()
    {
        lock (_gate)
        {
            return [.. _watchers.Keys];
        }
    }

    /// <summary>The distinct zoomed-out viewports of this silo's clients (a snapshot, taken again after one changes).</summary>
    public IReadOnlyList<ViewSet> Sets()
    {
        lock (_gate)
        {
            return _setList ??= [.. _sets.Select(s => new ViewSet(s.Key, s.Value.Groups, s.Value.Connections))];
        }
    }

    /// <summary>The connections of this host that show a detail tile (its group name); the array is not changed later.</summary>
    public IReadOnlyList<string> DetailViewers(string group)
    {
        lock (_gate)
        {
            return _detailViewers.GetValueOrDefault(group) ?? [];
        }
    }

    private void Release(string connectionId, Watching previous)
    {
        if (previous.PerTile)
        {
            foreach (var group in previous.Joined)
            {
                var left = Array.FindAll(_detailViewers[group], id => id != connectionId);
                if (left.Length > 0)
                {
                    _detailViewers[group] = left;
                }
                else
                {
                    _detailViewers.Remove(group);
                }
            }
        }

        foreach (var tile in previous.Tiles)
        {
            if (_watchers[tile] > 1)
            {
                _watchers[tile]--;
            }
            else
            {
                _watchers.Remove(tile);
            }
        }

        foreach (var name in previous.Joined.Where(_sets.ContainsKey))
        {
            var (groups, connections) = _sets[name];
            _setList = null;
            if (connections > 1)
            {
                _sets[name] = (groups, connections - 1);
            }
            else
            {
                _sets.Remove(name);
            }
        }
    }

    /// <param name="PerTile">In one group per tile (detail zoom), not in its viewport's group.</param>
    private sealed record Watching(IReadOnlyCollection<string> Tiles, IReadOnlyList<string> Joined, bool PerTile)
    {
        public static readonly Watching Nothing = new([], [], false);
    }
}

/// <summary>
/// A zoomed-out viewport: <see cref="Name"/> is the SignalR group of its clients ("v/" and a digest of the sorted tile
/// names, so the same tiles give the same group), <see cref="Groups"/> its coarse tiles (named as
/// <see cref="ViewportPlan.GroupName"/>), <see cref="Connections"/> how many clients of this host show it.
/// </summary>
public sealed record ViewSet(string Name, IReadOnlySet<string> Groups, int Connections)
{
    public static string NameOf(IEnumerable<string> groups)
    {
        var canonical = string.Join(',', groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return "v/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)), 0, 16);
    }
}
