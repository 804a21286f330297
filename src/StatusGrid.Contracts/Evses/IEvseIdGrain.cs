namespace StatusGrid.Contracts.Evses;

/// <summary>Maps an eMI3 <c>evse_id</c> (keyed by <see cref="EvseKey.EvseId"/>) to the EVSE that carries it.</summary>
public interface IEvseIdGrain : IGrainWithStringKey
{
    Task Assign(EvseAddress address);

    Task<EvseAddress?> Resolve();
}
