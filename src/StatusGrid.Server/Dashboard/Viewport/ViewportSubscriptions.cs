using System.Collections.Concurrent;

namespace StatusGrid.Server.Dashboard.Viewport;

/// <summary>
/// This silo's clients and the tile groups each watches. Moving a viewport yields the groups to leave and join (the
/// hub applies them to SignalR); the aggregate sender asks which coarse tiles anybody watches, so it computes only those.
/// </summary>
public sealed class ViewportSubscriptions
{
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> _byConnection = new();
    private readonly Dictionary<string, int> _watchers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int ConnectionCount => _byConnection.Count;

    /// <summary>Replaces a connection's groups; answers what it must leave and join.</summary>
    public (IReadOnlyList<string> Leave, IReadOnlyList<string> Join) Update(string connectionId, IReadOnlyCollection<string> groups)
    {
        var next = new HashSet<string>(groups, StringComparer.Ordinal);
        lock (_gate)
        {
            var previous = _byConnection.TryGetValue(connectionId, out var held) ? held : new HashSet<string>();
            var leave = previous.Where(g => !next.Contains(g)).ToList();
            var join = next.Where(g => !previous.Contains(g)).ToList();
            foreach (var group in leave)
            {
                Release(group);
            }

            foreach (var group in join)
            {
                _watchers[group] = _watchers.GetValueOrDefault(group) + 1;
            }

            _byConnection[connectionId] = next;
            return (leave, join);
        }
    }

    public void Remove(string connectionId)
    {
        lock (_gate)
        {
            if (_byConnection.TryRemove(connectionId, out var held))
            {
                foreach (var group in held)
                {
                    Release(group);
                }
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

    /// <summary>The groups at least one client of this silo watches.</summary>
    public IReadOnlyList<string> WatchedGroups()
    {
        lock (_gate)
        {
            return [.. _watchers.Keys];
        }
    }

    private void Release(string group)
    {
        if (_watchers.TryGetValue(group, out var count) && count > 1)
        {
            _watchers[group] = count - 1;
        }
        else
        {
            _watchers.Remove(group);
        }
    }
}
