using System.Collections.Immutable;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Hosting;

namespace StatusGrid.Grains.Partners;

/// <summary>Every silo's fan-out reads this once per batch; the answer is cached until the next change.</summary>
public sealed class PartnerDirectoryGrain(
    [PersistentState("partnerdirectory", StorageNames.Grains)] IPersistentState<PartnerDirectoryState> state) : Grain, IPartnerDirectoryGrain
{
    private ImmutableArray<PartnerSubscription>? _cached;

    public async Task Upsert(PartnerSubscription subscription)
    {
        if (state.State.Subscriptions.TryGetValue(subscription.PartnerId, out var existing) && existing == subscription)
        {
            return;
        }

        state.State.Subscriptions[subscription.PartnerId] = subscription;
        _cached = null;
        await state.WriteOrDeactivateAsync(this);
    }

    public async Task Remove(string partnerId)
    {
        if (state.State.Subscriptions.Remove(partnerId))
        {
            _cached = null;
            await state.WriteOrDeactivateAsync(this);
        }
    }

    public Task<ImmutableArray<PartnerSubscription>> GetSubscriptions() =>
        Task.FromResult(_cached ??= [.. state.State.Subscriptions.Values.OrderBy(s => s.PartnerId, StringComparer.Ordinal)]);

    public Task<ImmutableArray<string>> GetPartnerIds() =>
        Task.FromResult(state.State.Subscriptions.Keys.Order(StringComparer.Ordinal).ToImmutableArray());
}
