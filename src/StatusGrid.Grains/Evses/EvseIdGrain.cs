using StatusGrid.Contracts.Evses;
using StatusGrid.Grains.Hosting;
using StatusGrid.Storage.Estate;

namespace StatusGrid.Grains.Evses;

public sealed class EvseIdGrain(
    [PersistentState("evseid", StorageNames.Grains)] IPersistentState<EvseIdState> state,
    IEstateStore estate) : Grain, IEvseIdGrain
{
    /// <summary>Where a bulk import put this evse_id (looked up while the grain state holds none).</summary>
    private EvseAddress? _imported;

    public async Task Assign(EvseAddress address)
    {
        if (state.State.LocationId == address.LocationId && state.State.EvseUid == address.EvseUid)
        {
            return;
        }

        state.State.LocationId = address.LocationId;
        state.State.EvseUid = address.EvseUid;
        await state.WriteOrDeactivateAsync(this); // the check above must not find a move that never reached the database
    }

    public async Task<EvseAddress?> Resolve()
    {
        if (state.State is { LocationId: { } l, EvseUid: { } e })
        {
            return new EvseAddress(l, e);
        }

        if (_imported is null && await estate.FindEvseIdAsync(this.GetPrimaryKeyString()) is { } imported)
        {
            _imported = new EvseAddress(imported.LocationId, imported.EvseUid);
        }

        return _imported;
    }
}
