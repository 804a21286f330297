using StatusGrid.Contracts.Evses;

namespace StatusGrid.Grains.Evses;

public sealed class EvseIdGrain(
    [PersistentState("evseid", StorageNames.Grains)] IPersistentState<EvseIdState> state) : Grain, IEvseIdGrain
{
    public async Task Assign(EvseAddress address)
    {
        if (state.State.LocationId == address.LocationId && state.State.EvseUid == address.EvseUid)
        {
            return;
        }

        state.State.LocationId = address.LocationId;
        state.State.EvseUid = address.EvseUid;
        await state.WriteStateAsync();
    }

    public Task<EvseAddress?> Resolve() =>
        Task.FromResult(state.State is { LocationId: { } l, EvseUid: { } e } ? new EvseAddress(l, e) : null);
}
