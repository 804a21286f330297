using System.Collections.Concurrent;
using Orleans.Storage;

namespace StatusGrid.Grains.Tests.Fakes;

/// <summary>Grain storage whose next write (or clear) of a chosen grain fails, as on a database hiccup; otherwise the real one.</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, ConcurrentDictionary<GrainId, bool> failNextWrite)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        failNextWrite.TryRemove(grainId, out _)
            ? Task.FromException(new InvalidOperationException($"write of {stateName} for {grainId} failed (test)"))
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        failNextWrite.TryRemove(grainId, out _)
            ? Task.FromException(new InvalidOperationException($"clear of {stateName} for {grainId} failed (test)"))
            : inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);
}
