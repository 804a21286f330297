using System.Collections.Immutable;
using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Grains.Hosting;

namespace StatusGrid.Grains.ChargePoints;

public sealed class ChargePointDirectoryGrain(
    [PersistentState("chargepointdirectory", StorageNames.Grains)] IPersistentState<ChargePointDirectoryState> state)
    : Grain, IChargePointDirectoryGrain
{
    public async Task Add(string identity)
    {
        if (state.State.Identities.Add(identity))
        {
            await state.WriteOrDeactivateAsync(this);
        }
    }

    public async Task Remove(string identity)
    {
        if (state.State.Identities.Remove(identity))
        {
            await state.WriteOrDeactivateAsync(this);
        }
    }

    public Task<ImmutableArray<string>> GetIdentities() =>
        Task.FromResult(state.State.Identities.Order(StringComparer.Ordinal).ToImmutableArray());
}

[GenerateSerializer]
public sealed class ChargePointDirectoryState
{
    [Id(0)] public HashSet<string> Identities { get; set; } = new(StringComparer.Ordinal);
}
