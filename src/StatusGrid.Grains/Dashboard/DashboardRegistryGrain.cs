using System.Collections.Immutable;
using Orleans.Runtime;
using StatusGrid.Contracts.Dashboard;

namespace StatusGrid.Grains.Dashboard;

/// <summary>
/// Keeps one observer per live silo and front-end (<see cref="DashboardSubscribers"/> decides when one is dropped). In
/// memory only: silos and front-ends re-register every few seconds.
/// </summary>
public sealed class DashboardRegistryGrain(IClusterMembershipService membership, TimeProvider time) : Grain, IDashboardRegistryGrain
{
    private readonly DashboardSubscribers _subscribers = new(time);

    public Task<bool> Register(string siloId, IDashboardObserver observer) =>
        Task.FromResult(_subscribers.RegisterSilo(siloId, observer));

    public Task<bool> RegisterFrontEnd(string frontEndId, IDashboardObserver observer, TimeSpan expiry) =>
        Task.FromResult(_subscribers.RegisterFrontEnd(frontEndId, observer, expiry));

    public Task Unregister(string siloId)
    {
        _subscribers.Unregister(siloId);
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<DashboardSubscriber>> GetObservers()
    {
        var gone = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping)
            .Select(m => m.SiloAddress.ToParsableString())
            .ToHashSet();
        return Task.FromResult(_subscribers.Current(gone));
    }
}
