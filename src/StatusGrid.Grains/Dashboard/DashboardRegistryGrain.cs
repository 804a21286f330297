using System.Collections.Immutable;
using Orleans.Runtime;
using StatusGrid.Contracts.Dashboard;

namespace StatusGrid.Grains.Dashboard;

/// <summary>
/// Keeps one observer per live silo. Entries of silos that left the cluster, or that stopped re-registering, are
/// dropped, so a dead silo is not called for long. In memory only: silos re-register every few seconds.
/// </summary>
public sealed class DashboardRegistryGrain(IClusterMembershipService membership, TimeProvider time) : Grain, IDashboardRegistryGrain
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, (IDashboardObserver Observer, DateTimeOffset SeenAt)> _entries = [];

    public Task Register(string siloId, IDashboardObserver observer)
    {
        _entries[siloId] = (observer, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task Unregister(string siloId)
    {
        _entries.Remove(siloId);
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<DashboardSubscriber>> GetObservers()
    {
        var now = time.GetUtcNow();
        // Only silos known to be leaving or dead are dropped at once: a silo that just joined may not be in this
        // silo's membership view yet, and must not lose its changes for that.
        var gone = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping)
            .Select(m => m.SiloAddress.ToParsableString())
            .ToHashSet();
        foreach (var (silo, entry) in _entries.ToList())
        {
            if (now - entry.SeenAt > Expiry || gone.Contains(silo))
            {
                _entries.Remove(silo);
            }
        }

        return Task.FromResult(_entries.Select(e => new DashboardSubscriber(e.Key, e.Value.Observer)).ToImmutableArray());
    }
}
