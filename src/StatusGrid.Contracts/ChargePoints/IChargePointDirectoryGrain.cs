using System.Collections.Immutable;

namespace StatusGrid.Contracts.ChargePoints;

/// <summary>Singleton (key 0): the identities of every registered charge point, for the admin listing.</summary>
public interface IChargePointDirectoryGrain : IGrainWithIntegerKey
{
    Task Add(string identity);

    Task Remove(string identity);

    Task<ImmutableArray<string>> GetIdentities();
}
