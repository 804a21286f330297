using System.Collections.Immutable;

namespace StatusGrid.Contracts.Dashboard;

/// <summary>Singleton (key 0): the live silos' dashboard observers. Silos re-register periodically; dead ones are pruned.</summary>
public interface IDashboardRegistryGrain : IGrainWithIntegerKey
{
    Task Register(string siloId, IDashboardObserver observer);

    Task Unregister(string siloId);

    Task<ImmutableArray<DashboardSubscriber>> GetObservers();
}
