using StatusGrid.Contracts.Registrations;
using StatusGrid.Grains.Hosting;

namespace StatusGrid.Grains.Registrations;

/// <summary>A token's grant, stored under the token's hash; see <see cref="IOcpiTokenGrain"/>.</summary>
public sealed class OcpiTokenGrain(
    [PersistentState("ocpitoken", StorageNames.Grains)] IPersistentState<OcpiTokenState> state) : Grain, IOcpiTokenGrain
{
    public async Task Grant(OcpiTokenGrant grant)
    {
        if (state.State.Grant == grant)
        {
            return;
        }

        state.State.Grant = grant;
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<OcpiTokenGrant?> Get()
    {
        // A token nobody was granted is a stranger's guess (or a revoked token): its activation would otherwise stay
        // in memory until idle collection, so a flood of fresh random tokens would grow the silo by one activation
        // each. It goes as soon as this call is answered; a Grant arriving meanwhile is written first, and the
        // next activation reads it.
        if (state.State.Grant is null)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(state.State.Grant);
    }

    public async Task Revoke(string partnerId)
    {
        if (state.State.Grant?.PartnerId != partnerId)
        {
            return;
        }

        state.State.Grant = null;
        await state.ClearOrDeactivateAsync(this);
    }
}
