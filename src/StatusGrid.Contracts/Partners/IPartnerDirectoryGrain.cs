using System.Collections.Immutable;
using Orleans.Concurrency;

namespace StatusGrid.Contracts.Partners;

/// <summary>Singleton (key 0): every known partner, with its filter and whether it receives pushes.</summary>
public interface IPartnerDirectoryGrain : IGrainWithIntegerKey
{
    Task Upsert(PartnerSubscription subscription);

    Task Remove(string partnerId);

    [AlwaysInterleave]
    Task<ImmutableArray<PartnerSubscription>> GetSubscriptions();

    Task<ImmutableArray<string>> GetPartnerIds();
}
