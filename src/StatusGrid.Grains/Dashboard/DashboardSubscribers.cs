using System.Collections.Immutable;
using StatusGrid.Contracts.Dashboard;

namespace StatusGrid.Grains.Dashboard;

/// <summary>
/// The registry's logic, without Orleans: who receives dashboard batches, and when an entry is dropped. A silo's entry
/// goes as soon as membership says the silo is leaving or dead, or after <see cref="SiloExpiry"/> without a
/// registration. A front-end (an Orleans client) is not in the membership, so its own expiry, which it states when it
/// registers, is the only sign that it died.
/// </summary>
public sealed class DashboardSubscribers(TimeProvider time)
{
    public static readonly TimeSpan SiloExpiry = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, Entry> _entries = [];

    public int Count => _entries.Count;

    /// <returns>Whether the entry was still held (false when new, unregistered or past its expiry: a gap).</returns>
    public bool RegisterSilo(string siloId, IDashboardObserver observer) =>
        Register(siloId, new Entry(observer, time.GetUtcNow(), SiloExpiry, FrontEnd: false));

    /// <returns>Whether the entry was still held (false when new, unregistered or past its expiry: a gap).</returns>
    public bool RegisterFrontEnd(string frontEndId, IDashboardObserver observer, TimeSpan expiry)
    {
        // A front-end asking for no expiry, or for longer than a silo's, would keep a dead front-end's entry too long.
        var bounded = expiry <= TimeSpan.Zero || expiry > SiloExpiry ? SiloExpiry : expiry;
        return Register(frontEndId, new Entry(observer, time.GetUtcNow(), bounded, FrontEnd: true));
    }

    private bool Register(string id, Entry entry)
    {
        var held = _entries.TryGetValue(id, out var previous) && entry.SeenAt - previous.SeenAt <= previous.Expiry;
        _entries[id] = entry;
        return held;
    }

    public void Unregister(string id) => _entries.Remove(id);

    /// <param name="goneSilos">Silos membership knows to be leaving or dead. A silo that just joined may not be in the
    /// caller's membership view yet, so only these are dropped at once, never the unknown.</param>
    public ImmutableArray<DashboardSubscriber> Current(IReadOnlySet<string> goneSilos)
    {
        var now = time.GetUtcNow();
        foreach (var (id, entry) in _entries.ToList())
        {
            if (now - entry.SeenAt > entry.Expiry || (!entry.FrontEnd && goneSilos.Contains(id)))
            {
                _entries.Remove(id);
            }
        }

        return [.. _entries.Select(e => new DashboardSubscriber(e.Key, e.Value.Observer, e.Value.FrontEnd))];
    }

    private sealed record Entry(IDashboardObserver Observer, DateTimeOffset SeenAt, TimeSpan Expiry, bool FrontEnd);
}
