using System.Security.Cryptography;
using System.Text;

namespace StatusGrid.Server.Dashboard.Viewport;

/// <summary>
/// This silo's clients and the tiles each watches. A client belongs to one SignalR group, its <see cref="ViewSet"/>:
/// the set of tiles its viewport covers, shared by every client with the same tiles (everybody on the default map view
/// is one group). The pump sends each set one message per round with the items of all its tiles, so a client costs
/// one socket write per round, not one per tile (a zoomed-out map watches up to 64 tiles), and a set's message is
/// serialized once for all its clients. The pump also asks which tiles anybody watches, so it computes only those.
/// </summary>
public sealed class ViewportSubscriptions
{
    private readonly Dictionary<string, string> _byConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (IReadOnlySet<string> Groups, HashSet<string> Members)> _sets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _watchers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private IReadOnlyList<ViewSet>? _setList;

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

    /// <summary>
    /// Replaces a connection's tiles; answers the viewport group it must leave and the one it must join (null when none,
    /// both null when its viewport's tiles did not change).
    /// </summary>
    public (string? Leave, string? Join) Update(string connectionId, IReadOnlyCollection<string> groups)
    {
        var name = groups.Count == 0 ? null : ViewSet.NameOf(groups);
        lock (_gate)
        {
            var previous = _byConnection.GetValueOrDefault(connectionId);
            if (previous == name)
            {
                return (null, null);
            }

            if (previous is not null)
            {
                Leave(connectionId, previous);
            }

            if (name is null)
            {
                return (previous, null);
            }

            if (!_sets.TryGetValue(name, out var set))
            {
                _sets[name] = set = (new HashSet<string>(groups, StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
                foreach (var group in set.Groups)
                {
                    _watchers[group] = _watchers.GetValueOrDefault(group) + 1;
                }
            }

            set.Members.Add(connectionId);
            _byConnection[connectionId] = name;
            Changed();
            return (previous, name);
        }
    }

    public void Remove(string connectionId)
    {
        lock (_gate)
        {
            if (_byConnection.TryGetValue(connectionId, out var name))
            {
                Leave(connectionId, name);
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

    /// <summary>The distinct viewports of this silo's clients (a snapshot, taken again after a client joins or leaves one).</summary>
    public IReadOnlyList<ViewSet> Sets()
    {
        lock (_gate)
        {
            return _setList ??= [.. _sets.Select(s => new ViewSet(s.Key, s.Value.Groups, s.Value.Members.Count))];
        }
    }

    private void Changed() => _setList = null;

    private void Leave(string connectionId, string name)
    {
        _byConnection.Remove(connectionId);
        Changed();
        var set = _sets[name];
        set.Members.Remove(connectionId);
        if (set.Members.Count > 0)
        {
            return;
        }

        _sets.Remove(name);
        foreach (var group in set.Groups)
        {
            if (_watchers[group] > 1)
            {
                _watchers[group]--;
            }
            else
            {
                _watchers.Remove(group);
            }
        }
    }
}

/// <summary>
/// A viewport: <see cref="Name"/> is the SignalR group of its clients ("v/" and a digest of the sorted tile names, so
/// the same tiles give the same group), <see cref="Groups"/> its tiles (named as <see cref="ViewportPlan.GroupName"/>),
/// <see cref="Connections"/> how many clients of this host show it.
/// </summary>
public sealed record ViewSet(string Name, IReadOnlySet<string> Groups, int Connections)
{
    public static string NameOf(IEnumerable<string> groups)
    {
        var canonical = string.Join(',', groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return "v/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)), 0, 16);
    }
}
