using System.Collections.Immutable;
using StatusGrid.Contracts.Registrations;
using StatusGrid.Grains.Hosting;

namespace StatusGrid.Grains.Registrations;

/// <summary>Kept by <see cref="OcpiRegistrationGrain"/> on every commit and removal; read by the admin listing only.</summary>
public sealed class OcpiRegistrationDirectoryGrain(
    [PersistentState("ocpiregistrationdirectory", StorageNames.Grains)] IPersistentState<OcpiRegistrationDirectoryState> state)
    : Grain, IOcpiRegistrationDirectoryGrain
{
    public async Task Add(string partnerId)
    {
        if (state.State.PartnerIds.Add(partnerId))
        {
            await state.WriteOrDeactivateAsync(this);
        }
    }

    public async Task Remove(string partnerId)
    {
        if (state.State.PartnerIds.Remove(partnerId))
        {
            await state.WriteOrDeactivateAsync(this);
        }
    }

    public Task<ImmutableArray<string>> GetPartnerIds() =>
        Task.FromResult(state.State.PartnerIds.Order(StringComparer.Ordinal).ToImmutableArray());
}

[GenerateSerializer]
public sealed class OcpiRegistrationDirectoryState
{
    [Id(0)] public HashSet<string> PartnerIds { get; set; } = new(StringComparer.Ordinal);
}
