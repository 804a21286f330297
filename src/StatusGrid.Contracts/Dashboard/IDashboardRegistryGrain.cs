using System.Collections.Immutable;

namespace StatusGrid.Contracts.Dashboard;

/// <summary>
/// Singleton (key 0): the dashboard observers of the live silos and front-ends. Both re-register periodically; dead
/// ones are pruned.
/// </summary>
public interface IDashboardRegistryGrain : IGrainWithIntegerKey
{
    /// <returns>
    /// Whether the registry still held this observer. False on a first registration and after a gap (unregistered,
    /// expired, or the registry came back empty): the fan-outs sent it nothing meanwhile.
    /// </returns>
    Task<bool> Register(string siloId, IDashboardObserver observer);

    /// <summary>
    /// A front-end's observer. Front-ends are not in the silo membership, so only their silence shows they died: the
    /// entry is dropped once <paramref name="expiry"/> passes without a new registration. Returns as <see cref="Register"/>.
    /// </summary>
    Task<bool> RegisterFrontEnd(string frontEndId, IDashboardObserver observer, TimeSpan expiry);

    Task Unregister(string siloId);

    Task<ImmutableArray<DashboardSubscriber>> GetObservers();
}
