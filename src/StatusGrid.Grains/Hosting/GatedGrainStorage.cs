using Orleans.Storage;
using StatusGrid.Storage.Sqlite;

namespace StatusGrid.Grains.Hosting;

/// <summary>
/// Orleans' grain storage on SQLite, its writes taking the file's <see cref="SqliteWriteGate"/> turn: grain state
/// writes (a charge point's connectors, an ordered partner's queue, configurations) then wait asynchronously behind
/// the process's other writers instead of finding the file locked, which Microsoft.Data.Sqlite answers by sleeping
/// the grain's thread 150 ms at a time. Reads need no turn (WAL readers never wait for the writer).
/// </summary>
public sealed class GatedGrainStorage(IGrainStorage inner, string connectionString) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        using (await SqliteWriteGate.EnterAsync(connectionString, cancellationToken))
        {
            await inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        using (await SqliteWriteGate.EnterAsync(connectionString, cancellationToken))
        {
            await inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
        }
    }

    /// <summary>The ADO.NET provider reads its queries at silo start: its lifecycle stays its own.</summary>
    public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);
}
